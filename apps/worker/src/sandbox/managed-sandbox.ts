import { ComputerCallError, ComputerInterruptedError, type WorkspaceStore } from "@molt/agent";
import {
  CALL_ID_HEADER,
  decodeFileBundle,
  type ExecRequest,
  type ExecResult,
  FILE_BUNDLE_CONTENT_TYPE,
  processListSchema,
  processLogsSchema,
  type RuntimeHealth,
  runtimeErrorBodySchema,
  runtimeHealthSchema,
  type SandboxProcess,
  type SandboxProcessLogs,
  type SandboxStatus,
  snapshotResultSchema,
} from "@molt/contracts";
import type { z } from "zod";
import { logEvent } from "../observability/log-event";
import { VERSION } from "../version";
import type { RuntimeRequest, SandboxBackend } from "./sandbox-backend";
import type { SandboxPort, SandboxTurnOutcome } from "./sandbox-port";
import { restoreWorkspace, syncChangesToStore } from "./workspace-sync";

export const SANDBOX_START_TIMEOUT_MS = 60_000;
const HEALTH_POLL_INTERVAL_MS = 100;
/** After a stopped turn cancels its call, the runtime gets this long to end it and answer. */
export const CANCEL_GRACE_MS = 5_000;
/**
 * Shell command time one turn may use, all commands together. A turn runs inside the UserAgent's
 * Durable Object alarm, which Cloudflare ends after 15 minutes of wall time (and the agents SDK
 * then runs the turn again from the start). Commands get 8 of those minutes; the rest covers
 * model calls, starting the computer (SDK and health timeouts, about 3 minutes at worst) and
 * writing the turn's changes to R2. See docs/architecture.md, "Long turns".
 */
export const TURN_COMMAND_BUDGET_MS = 8 * 60_000;
/** A command that would get less than this is refused instead. */
const MIN_COMMAND_MS = 1_000;
/** What the runtime gives a command that names no timeout (apps/sandbox exec-command.ts). */
const RUNTIME_DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

/** What survives the agent's eviction: the runtime token and where the last sync stopped. */
export interface SandboxState {
  token: string;
  marker: string | null;
  startedAt: number;
  lastActivityAt: number;
}

export interface SandboxStateStore {
  load(): SandboxState | undefined;
  save(state: SandboxState | undefined): void;
}

export interface ManagedSandboxOptions {
  userId: string;
  backend: SandboxBackend;
  workspace: WorkspaceStore;
  state: SandboxStateStore;
  now?: () => number;
  /** Command time per turn; TURN_COMMAND_BUDGET_MS unless a test shortens it. */
  turnCommandBudgetMs?: number;
  /** The runtime release this Worker expects (its own); a runtime of another one is replaced. */
  runtimeVersion?: string;
}

/** An exec result, with a word for the model when the turn's command time cut the command. */
export type CommandResult = ExecResult & { note?: string };

function describeDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stoppedError = () => new ComputerCallError("aborted", "The command was stopped.");

/**
 * A user's computer: starts the runtime on first need (one start at a time), restores the
 * workspace from R2 into it, calls it with its token, notices when it died, and writes each
 * turn's changes back to R2.
 */
export class ManagedSandbox implements SandboxPort {
  private ready = false;
  private starting: Promise<void> | undefined;
  private usedThisTurn = false;
  private interruptedThisTurn = false;
  private commandTimeUsedMs = 0;
  private lastError: string | undefined;
  private readonly now: () => number;
  private readonly turnCommandBudgetMs: number;
  private readonly runtimeVersion: string;

  constructor(private readonly options: ManagedSandboxOptions) {
    this.now = options.now ?? Date.now;
    this.turnCommandBudgetMs = options.turnCommandBudgetMs ?? TURN_COMMAND_BUDGET_MS;
    this.runtimeVersion = options.runtimeVersion ?? VERSION;
  }

  get kind() {
    return this.options.backend.kind;
  }

  ensureStarted(): Promise<void> {
    if (this.ready) return Promise.resolve();
    // Concurrent callers share one start: the runtime is never started twice.
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async call<Schema extends z.ZodType>(
    path: string,
    body: unknown,
    schema: Schema,
    signal?: AbortSignal,
  ): Promise<z.infer<Schema>> {
    // Every command is fitted into what is left of the turn's command time, before anything runs.
    const command = path === "/exec" ? this.fitCommandToTurn(body as ExecRequest) : undefined;
    await this.noticeIfGone();
    await this.ensureStarted();
    this.usedThisTurn = true;
    const state = this.options.state.load();
    if (!state) throw new ComputerInterruptedError("the sandbox has no runtime token");
    const startedAt = this.now();
    try {
      const result = await this.request(path, command?.body ?? body, schema, state.token, signal);
      this.options.state.save({ ...state, lastActivityAt: this.now() });
      if (command?.cut && (result as ExecResult).timedOut) {
        const cut: CommandResult = { ...(result as ExecResult), note: this.turnLimitNote() };
        return cut as z.infer<Schema>;
      }
      return result;
    } catch (error) {
      if (error instanceof ComputerInterruptedError) this.markDead(error.message);
      throw error;
    } finally {
      if (command) this.commandTimeUsedMs += this.now() - startedAt;
    }
  }

  beginTurn(): void {
    this.usedThisTurn = false;
    this.interruptedThisTurn = false;
    this.commandTimeUsedMs = 0;
  }

  async endTurn(): Promise<SandboxTurnOutcome> {
    const outcome: SandboxTurnOutcome = {
      interrupted: this.interruptedThisTurn,
      synced: { written: 0, deleted: 0 },
    };
    if (!this.usedThisTurn) return outcome;
    this.usedThisTurn = false;
    try {
      const { skipped, ...synced } = await this.syncToWorkspace();
      outcome.synced = synced;
      if (skipped.length > 0) outcome.notSaved = skipped;
    } catch (error) {
      outcome.syncError = error instanceof Error ? error.message : String(error);
    }
    return outcome;
  }

  async status(): Promise<SandboxStatus> {
    const state = this.options.state.load();
    const base = {
      userId: this.options.userId,
      startedAt: state?.startedAt ?? null,
      lastActivityAt: state?.lastActivityAt ?? null,
    };
    if (this.starting) return { ...base, state: "starting" };
    const running = await this.options.backend.isRunning().catch(() => false);
    if (running) return { ...base, state: "running" };
    if (this.lastError) return { ...base, state: "error", error: this.lastError };
    return { ...base, state: "sleeping", startedAt: null };
  }

  async restart(): Promise<void> {
    await this.saveBeforeStopping();
    await this.options.backend.stop();
    this.markDead();
    this.lastError = undefined;
    await this.ensureStarted();
  }

  async destroy(): Promise<void> {
    await this.saveBeforeStopping();
    await this.options.backend.destroy();
    this.markDead();
    this.lastError = undefined;
    this.options.state.save(undefined);
  }

  async processes(): Promise<SandboxProcess[]> {
    if (!(await this.isAnswering())) return [];
    const list = await this.call("/processes", undefined, processListSchema);
    return list.processes.map(({ pid: _pid, ...process }) => process);
  }

  async processLogs(id: string): Promise<SandboxProcessLogs | null> {
    if (!(await this.isAnswering())) return null;
    try {
      const logs = await this.call(
        `/processes/${encodeURIComponent(id)}/logs`,
        undefined,
        processLogsSchema,
      );
      return { id: logs.id, output: logs.output, truncated: logs.truncated };
    } catch (error) {
      if (error instanceof ComputerCallError && error.code === "not_found") return null;
      throw error;
    }
  }

  /**
   * A call to a container that went to sleep would wait for a port nobody opens (the SDK waits
   * 90 s) and fail. The Sandbox object's stored state says so without waking it: the runtime is
   * then started again (and the workspace restored) before the call. If this turn had already
   * used the computer, what it did since the last sync is lost, and the model is told.
   */
  private async noticeIfGone(): Promise<void> {
    if (!this.ready) return;
    // A failed probe says nothing; the call itself will find out.
    if (await this.options.backend.isAwake().catch(() => true)) return;
    const lostWork = this.usedThisTurn;
    this.markDead(lostWork ? "the computer stopped" : undefined);
    logEvent("sandbox", { userId: this.options.userId, action: "found_stopped", lostWork });
    if (lostWork) throw new ComputerInterruptedError("the computer stopped since the last call");
  }

  private fitCommandToTurn(request: ExecRequest): { body: ExecRequest; cut: boolean } {
    const remaining = Math.floor(this.turnCommandBudgetMs - this.commandTimeUsedMs);
    if (remaining < MIN_COMMAND_MS) {
      throw new ComputerCallError(
        "turn_time_limit",
        `This turn has used its ${describeDuration(this.turnCommandBudgetMs)} of command time ` +
          "(a turn is cut off after 15 minutes). Answer with what you have. For longer work, start " +
          "it with start_process and check it with process_logs in a later turn.",
      );
    }
    const asked = request.timeoutMs ?? RUNTIME_DEFAULT_COMMAND_TIMEOUT_MS;
    return { body: { ...request, timeoutMs: Math.min(asked, remaining) }, cut: asked > remaining };
  }

  private turnLimitNote(): string {
    return (
      `Stopped when this turn's ${describeDuration(this.turnCommandBudgetMs)} of command time ` +
      "ran out. For longer work use start_process, then process_logs in a later turn."
    );
  }

  private async isAnswering(): Promise<boolean> {
    if (!(await this.options.backend.isRunning().catch(() => false))) return false;
    await this.ensureStarted();
    return true;
  }

  /** Admin restarts and destroys keep what the sandbox did since the last turn. */
  private async saveBeforeStopping(): Promise<void> {
    if (!this.ready) return;
    await this.syncToWorkspace().catch(() => undefined);
  }

  private markDead(reason?: string): void {
    if (this.ready && reason) this.interruptedThisTurn = true;
    this.ready = false;
  }

  private async start(): Promise<void> {
    const saved = this.options.state.load();
    if (saved) {
      const found = await this.adopt(saved);
      if (found === "adopted") return;
      if (found === "other-release") await this.retireOtherRelease(saved);
    }
    const startedAt = this.now();
    try {
      let token = newToken();
      let health = await this.launch(token);
      if (!this.isCurrent(health)) {
        // The container runs another release's image (it started before a deploy): a new
        // container gets the current one. Once only: a rollout that has not reached this
        // container yet would give the same image again, and that runtime still works.
        this.logReleaseMismatch(health, "replaced");
        await this.options.backend.destroy();
        token = newToken();
        health = await this.launch(token);
        if (!this.isCurrent(health)) this.logReleaseMismatch(health, "kept");
      }
      const call = this.boundCall(token);
      await restoreWorkspace(this.options.workspace, call);
      const snapshot = await call("/snapshots", {}, snapshotResultSchema);
      this.options.state.save({
        token,
        marker: snapshot.marker,
        startedAt,
        lastActivityAt: startedAt,
      });
      this.lastError = undefined;
      this.ready = true;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      throw error instanceof ComputerInterruptedError || error instanceof ComputerCallError
        ? error
        : new ComputerInterruptedError(`the computer could not start: ${this.lastError}`);
    }
  }

  private async launch(token: string): Promise<RuntimeHealth> {
    await this.options.backend.start(token);
    return this.waitForHealth(token);
  }

  private isCurrent(health: RuntimeHealth): boolean {
    return health.version === this.runtimeVersion;
  }

  private logReleaseMismatch(health: RuntimeHealth, outcome: "replaced" | "kept"): void {
    logEvent(
      "sandbox",
      {
        userId: this.options.userId,
        action: "runtime_release_mismatch",
        outcome,
        found: health.version ?? "unknown",
        expected: this.runtimeVersion,
      },
      outcome === "kept" ? "warn" : "info",
    );
  }

  /**
   * A runtime started before this object existed (the agent was evicted) is used as it is, if it
   * is of this Worker's release.
   */
  private async adopt(saved: SandboxState): Promise<"adopted" | "absent" | "other-release"> {
    if (!(await this.options.backend.isRunning().catch(() => false))) return "absent";
    const health = await this.request("/health", undefined, runtimeHealthSchema, saved.token).catch(
      () => undefined,
    );
    if (!health) return "absent";
    if (!this.isCurrent(health)) {
      this.logReleaseMismatch(health, "replaced");
      return "other-release";
    }
    if (saved.marker === null) {
      const snapshot = await this.request("/snapshots", {}, snapshotResultSchema, saved.token);
      this.options.state.save({ ...saved, marker: snapshot.marker });
    }
    this.ready = true;
    return "adopted";
  }

  /** Saves what an old release's runtime changed since the last sync, then ends its container. */
  private async retireOtherRelease(saved: SandboxState): Promise<void> {
    if (saved.marker) {
      await syncChangesToStore(
        this.options.workspace,
        this.boundCall(saved.token),
        saved.marker,
      ).catch(() => undefined);
    }
    await this.options.backend.destroy();
  }

  private async waitForHealth(token: string): Promise<RuntimeHealth> {
    const deadline = this.now() + SANDBOX_START_TIMEOUT_MS;
    let lastProblem = "no answer";
    while (this.now() < deadline) {
      try {
        return await this.request("/health", undefined, runtimeHealthSchema, token);
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      await sleep(HEALTH_POLL_INTERVAL_MS);
    }
    throw new Error(`the runtime did not become healthy in time (${lastProblem})`);
  }

  private async syncToWorkspace(): Promise<{
    written: number;
    deleted: number;
    skipped: { path: string; reason: string }[];
  }> {
    const state = this.options.state.load();
    if (!this.ready || !state?.marker) {
      throw new Error("the computer restarted before its changes could be saved");
    }
    const result = await syncChangesToStore(
      this.options.workspace,
      this.boundCall(state.token),
      state.marker,
    );
    this.options.state.save({ ...state, marker: result.marker, lastActivityAt: this.now() });
    return { written: result.written, deleted: result.deleted, skipped: result.skipped };
  }

  private boundCall(token: string) {
    return <Schema extends z.ZodType>(path: string, body: unknown, schema: Schema) =>
      this.request(path, body, schema, token);
  }

  private async request<Schema extends z.ZodType>(
    path: string,
    body: unknown,
    schema: Schema,
    token: string,
    signal?: AbortSignal,
  ): Promise<z.infer<Schema>> {
    if (signal?.aborted) throw stoppedError();
    const binary = body instanceof Uint8Array;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      "content-type": binary ? FILE_BUNDLE_CONTENT_TYPE : "application/json",
    };
    // A call that a stopped turn may cancel gets an id; the signal itself stays here.
    const callId = signal ? crypto.randomUUID() : undefined;
    if (callId) headers[CALL_ID_HEADER] = callId;
    const runtimeRequest: RuntimeRequest = {
      method: body === undefined ? "GET" : "POST",
      headers,
      body: body === undefined ? undefined : binary ? body : JSON.stringify(body),
    };
    const exchange = (async () => {
      const response = await this.options.backend.fetch(path, runtimeRequest);
      return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
    })();
    let response: Response;
    let bytes: Uint8Array;
    try {
      ({ response, bytes } =
        signal && callId
          ? await this.untilStopped(exchange, signal, callId, token)
          : await exchange);
    } catch (error) {
      if (signal?.aborted) throw stoppedError();
      throw new ComputerInterruptedError(error instanceof Error ? error.message : String(error));
    }
    // The runtime ended the command because the turn was stopped: its output is not an answer.
    if (signal?.aborted) throw stoppedError();
    let value: unknown;
    try {
      const bundle = response.headers.get("content-type") === FILE_BUNDLE_CONTENT_TYPE;
      value =
        response.ok && bundle
          ? decodeFileBundle(bytes)
          : JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new ComputerInterruptedError(`the runtime answered HTTP ${response.status} unreadably`);
    }
    if (!response.ok) {
      const runtimeError = runtimeErrorBodySchema.safeParse(value);
      if (runtimeError.success && runtimeError.data.error.code !== "unauthorized") {
        throw new ComputerCallError(runtimeError.data.error.code, runtimeError.data.error.message);
      }
      // Not the runtime speaking (the host or container said it is gone), or a stale token.
      throw new ComputerInterruptedError(`HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new ComputerCallError("internal", `Unexpected runtime answer for ${path}.`);
    return parsed.data;
  }

  /**
   * Waits for a call's answer. When the turn is stopped, asks the runtime to cancel the call (it
   * kills the command) and waits a little longer for the call to end; it is given up after that.
   */
  private untilStopped<T>(
    exchange: Promise<T>,
    signal: AbortSignal,
    callId: string,
    token: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let grace: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        void this.cancelCall(callId, token);
        grace = setTimeout(() => reject(stoppedError()), CANCEL_GRACE_MS);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      exchange.then(resolve, reject).finally(() => {
        signal.removeEventListener("abort", onAbort);
        clearTimeout(grace);
      });
    });
  }

  private async cancelCall(callId: string, token: string): Promise<void> {
    try {
      const response = await this.options.backend.fetch(`/calls/${callId}/cancel`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "{}",
      });
      await response.arrayBuffer();
    } catch {
      // The runtime is gone: nothing is left to cancel.
    }
  }
}
