import type { SandboxProcess, SandboxProcessLogs, SandboxStatus } from "@molt/contracts";
import type { z } from "zod";

/** What happened to the computer during one turn, for the reply and for R2. */
export interface SandboxTurnOutcome {
  /** A call was cut off because the runtime died; the person is told. */
  interrupted: boolean;
  /** Files written to R2 (changed) and removed from it (deleted) at the end of the turn. */
  synced: { written: number; deleted: number };
  /** Why the changes could not be saved, when they could not. */
  syncError?: string;
  /** Changed files left out of R2 (name, size, workspace cap), each with the reason. */
  notSaved?: { path: string; reason: string }[];
}

/** One user's computer, as the agent and the admin API use it. */
export interface SandboxPort {
  /** Starts the runtime (restoring the workspace from R2) unless it already answers. */
  ensureStarted(): Promise<void>;
  /** Calls a runtime route with a JSON body (GET when `body` is undefined), parsed by `schema`. */
  call<Schema extends z.ZodType>(
    path: string,
    body: unknown,
    schema: Schema,
    signal?: AbortSignal,
  ): Promise<z.infer<Schema>>;
  status(): Promise<SandboxStatus>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
  processes(): Promise<SandboxProcess[]>;
  processLogs(id: string): Promise<SandboxProcessLogs | null>;
  /** Called as a turn starts. */
  beginTurn(): void;
  /** Called before the turn's reply is stored: writes the turn's file changes to R2. */
  endTurn(): Promise<SandboxTurnOutcome>;
}
