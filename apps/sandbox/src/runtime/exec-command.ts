import type { ExecRequest, ExecResult } from "@molt/contracts";
import { CappedOutput } from "./capped-output";
import { type CommandContext, spawnCommand } from "./spawn-command";

export const DEFAULT_EXEC_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
/** After SIGTERM on timeout, a command gets this long before SIGKILL. */
const KILL_GRACE_MS = 1_000;

export interface ExecContext extends CommandContext {
  /** Aborted when the caller is gone: the command is killed at once. */
  signal?: AbortSignal;
}

/** Runs one shell command to completion (or timeout) in its own process group. */
export function execCommand(request: ExecRequest, context: ExecContext): Promise<ExecResult> {
  const started = performance.now();
  const maxBytes = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new CappedOutput(maxBytes);
  const stderr = new CappedOutput(maxBytes);
  // Outside the promise: a refused command (no confinement) is an error answer, not a result.
  const child = spawnCommand(request.command, context);
  return new Promise((resolve) => {
    let timedOut = false;
    const killGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS).unref();
    }, request.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
    const onAbort = () => killGroup("SIGKILL");
    context.signal?.addEventListener("abort", onAbort, { once: true });
    // Cancelled before the command even started (the cancel overtook it): end it at once.
    if (context.signal?.aborted) onAbort();
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    const finish = (exitCode: number | null, signal: string | null, spawnError?: Error) => {
      clearTimeout(timer);
      context.signal?.removeEventListener("abort", onAbort);
      // Background children of the command must not outlive it holding the pipes open.
      killGroup("SIGKILL");
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout: stdout.text(),
        stderr: spawnError ? `${stderr.text()}${spawnError.message}` : stderr.text(),
        truncated: stdout.truncated || stderr.truncated,
        durationMs: Math.round(performance.now() - started),
      });
    };
    child.on("error", (error) => finish(null, null, error));
    child.on("close", (code, signal) => finish(code, signal));
  });
}
