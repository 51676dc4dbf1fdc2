import { ComputerCallError, ComputerInterruptedError, type WorkspaceStore } from "@molt/agent";
import {
  decodeFileBundle,
  FILE_BUNDLE_CONTENT_TYPE,
  processListSchema,
  processLogsSchema,
  runtimeErrorBodySchema,
  runtimeHealthSchema,
  type SandboxProcess,
  type SandboxProcessLogs,
  type SandboxStatus,
  snapshotResultSchema,
} from "@molt/contracts";
import type { z } from "zod";
import type { SandboxBackend } from "./sandbox-backend";
import type { SandboxPort, SandboxTurnOutcome } from "./sandbox-port";
import { restoreWorkspace, syncChangesToStore } from "./workspace-sync";

export const SANDBOX_START_TIMEOUT_MS = 60_000;
const HEALTH_POLL_INTERVAL_MS = 100;

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
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  private lastError: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ManagedSandboxOptions) {
    this.now = options.now ?? Date.now;
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
    await this.ensureStarted();
    this.usedThisTurn = true;
    const state = this.options.state.load();
    if (!state) throw new ComputerInterruptedError("the sandbox has no runtime token");
    const result = await this.request(path, body, schema, state.token, signal).catch(
      (error: unknown) => {
        if (error instanceof ComputerInterruptedError) this.markDead(error.message);
        throw error;
      },
    );
    this.options.state.save({ ...state, lastActivityAt: this.now() });
    return result;
  }

  beginTurn(): void {
    this.usedThisTurn = false;
    this.interruptedThisTurn = false;
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
    if (saved && (await this.adopt(saved))) return;
    const token = newToken();
    const startedAt = this.now();
    try {
      await this.options.backend.start(token);
      await this.waitForHealth(token);
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

  /** A runtime started before this object existed (the agent was evicted) is used as it is. */
  private async adopt(saved: SandboxState): Promise<boolean> {
    if (!(await this.options.backend.isRunning().catch(() => false))) return false;
    const healthy = await this.request("/health", undefined, runtimeHealthSchema, saved.token).then(
      () => true,
      () => false,
    );
    if (!healthy) return false;
    if (saved.marker === null) {
      const snapshot = await this.request("/snapshots", {}, snapshotResultSchema, saved.token);
      this.options.state.save({ ...saved, marker: snapshot.marker });
    }
    this.ready = true;
    return true;
  }

  private async waitForHealth(token: string): Promise<void> {
    const deadline = this.now() + SANDBOX_START_TIMEOUT_MS;
    let lastProblem = "no answer";
    while (this.now() < deadline) {
      try {
        await this.request("/health", undefined, runtimeHealthSchema, token);
        return;
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
    const binary = body instanceof Uint8Array;
    const init: RequestInit = {
      method: body === undefined ? "GET" : "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": binary ? FILE_BUNDLE_CONTENT_TYPE : "application/json",
      },
      body: body === undefined ? undefined : binary ? body : JSON.stringify(body),
      signal,
    };
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await this.options.backend.fetch(path, init);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      // A stopped turn hung up on purpose; the runtime ends the command and stays healthy.
      if (signal?.aborted) throw new ComputerCallError("aborted", "The command was stopped.");
      throw new ComputerInterruptedError(error instanceof Error ? error.message : String(error));
    }
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
}
