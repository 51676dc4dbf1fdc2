import type { ChildProcess } from "node:child_process";
import type { ProcessLogs, RuntimeProcess } from "@molt/contracts";
import type { Confinement } from "./confinement";
import type { RunAs } from "./run-as";
import { RuntimeError } from "./runtime-error";
import { spawnCommand } from "./spawn-command";

/** Each background process keeps this much of its latest output. */
export const PROCESS_LOG_BYTES = 256 * 1024;
const STOP_GRACE_MS = 2_000;
const MAX_PROCESSES = 64;

interface Entry {
  info: RuntimeProcess;
  child: ChildProcess;
  log: Buffer;
  dropped: boolean;
  exited: Promise<void>;
}

/** Long-running commands (servers, watchers) started in the background of the workspace. */
export class ProcessRegistry {
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;

  constructor(
    private readonly workspaceDir: string,
    private readonly runAs: RunAs,
    private readonly confinement: Confinement,
  ) {}

  start(command: string, cwd: string): RuntimeProcess {
    if (this.entries.size >= MAX_PROCESSES) this.forgetOldestExited();
    const child = spawnCommand(command, {
      cwd,
      workspaceDir: this.workspaceDir,
      runAs: this.runAs,
      confinement: this.confinement,
    });
    const id = `p${this.nextId++}`;
    const info: RuntimeProcess = {
      id,
      command,
      status: "running",
      exitCode: null,
      startedAt: Date.now(),
      pid: child.pid ?? null,
    };
    const entry: Entry = {
      info,
      child,
      log: Buffer.alloc(0),
      dropped: false,
      exited: new Promise((resolve) => child.on("close", () => resolve())),
    };
    const append = (chunk: Buffer) => {
      const joined = Buffer.concat([entry.log, chunk]);
      entry.dropped ||= joined.byteLength > PROCESS_LOG_BYTES;
      entry.log = joined.subarray(Math.max(0, joined.byteLength - PROCESS_LOG_BYTES));
    };
    child.stdout?.on("data", append);
    child.stderr?.on("data", append);
    child.on("error", (error) => append(Buffer.from(`\n[failed to start: ${error.message}]\n`)));
    child.on("close", (code) => {
      if (info.status === "running") info.status = "exited";
      info.exitCode = code;
    });
    this.entries.set(id, entry);
    return { ...info };
  }

  list(): RuntimeProcess[] {
    return [...this.entries.values()].map((entry) => ({ ...entry.info }));
  }

  logs(id: string, tailBytes?: number): ProcessLogs {
    const entry = this.get(id);
    const keep = tailBytes ?? PROCESS_LOG_BYTES;
    const cut = entry.log.byteLength > keep;
    return {
      id,
      status: entry.info.status,
      output: entry.log.subarray(Math.max(0, entry.log.byteLength - keep)).toString("utf8"),
      truncated: entry.dropped || cut,
    };
  }

  async stop(id: string): Promise<RuntimeProcess> {
    const entry = this.get(id);
    if (entry.info.status === "running") {
      entry.info.status = "killed";
      this.signal(entry, "SIGTERM");
      const timer = setTimeout(() => this.signal(entry, "SIGKILL"), STOP_GRACE_MS);
      await entry.exited;
      clearTimeout(timer);
    }
    return { ...entry.info };
  }

  /** Ends every background process (the runtime is shutting down). */
  stopAll(): void {
    for (const entry of this.entries.values()) this.signal(entry, "SIGKILL");
  }

  private signal(entry: Entry, signal: NodeJS.Signals): void {
    if (entry.child.pid === undefined) return;
    try {
      process.kill(-entry.child.pid, signal);
    } catch {
      // Already gone.
    }
  }

  private get(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new RuntimeError("not_found", `No background process "${id}".`);
    return entry;
  }

  private forgetOldestExited(): void {
    for (const [id, entry] of this.entries) {
      if (entry.info.status !== "running") {
        this.entries.delete(id);
        return;
      }
    }
    throw new RuntimeError("conflict", `Already ${MAX_PROCESSES} background processes running.`);
  }
}
