import type { DoctorCheck, DoctorCheckStatus } from "@molt/contracts";
import type { StackPlace } from "../config/setting-fix";
import type { WorkerEnvValues } from "../config/worker-config";

/** Where the checked stack runs decides how a fix is phrased. */
export type DoctorWhere = StackPlace;

export interface DoctorContext {
  env: Env;
  values: WorkerEnvValues;
  where: DoctorWhere;
  /** The origin the request came in on: this Worker's own address. */
  origin: string;
}

/** What one check found; the runner adds the name and the time it took. */
export interface DoctorOutcome {
  status: DoctorCheckStatus;
  detail: string;
  fix?: string;
}

export interface DoctorCheckDefinition {
  name: string;
  /** Longer than any one step should take; the check then fails instead of hanging the run. */
  timeoutMs: number;
  run(context: DoctorContext): Promise<DoctorOutcome>;
}

export const ok = (detail: string): DoctorOutcome => ({ status: "ok", detail });
export const skipped = (detail: string): DoctorOutcome => ({ status: "skipped", detail });
export const failed = (detail: string, fix: string): DoctorOutcome => ({
  status: "failed",
  detail,
  fix,
});

/** Runs one check with its time limit; an exception is a failure with the given fix. */
export async function runDoctorCheck(
  check: DoctorCheckDefinition,
  context: DoctorContext,
  now: () => number = Date.now,
): Promise<DoctorCheck> {
  const started = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<DoctorOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          failed(
            `No answer within ${Math.round(check.timeoutMs / 1000)} s.`,
            "Run the checks again; if it stays slow, look at the Worker's logs for this check.",
          ),
        ),
      check.timeoutMs,
    );
  });
  let outcome: DoctorOutcome;
  try {
    outcome = await Promise.race([check.run(context), timeout]);
  } catch (error) {
    outcome = failed(
      describeError(error),
      "Look at the Worker's logs for this check and run the checks again.",
    );
  } finally {
    clearTimeout(timer);
  }
  return { name: check.name, durationMs: Math.max(0, now() - started), ...outcome };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
