import type { DoctorReport } from "@molt/contracts";
import { stackPlaceOf } from "../config/setting-fix";
import { readWorkerConfig } from "../config/worker-config";
import { logEvent } from "../observability/log-event";
import { accessCheck } from "./check-access";
import { browserCheck } from "./check-browser";
import { modelCheck } from "./check-model";
import { r2Check } from "./check-r2";
import { sandboxCheck } from "./check-sandbox";
import { slackCheck } from "./check-slack";
import { telegramCheck } from "./check-telegram";
import { type DoctorCheckDefinition, runDoctorCheck } from "./doctor-check";

/** In the order they are shown: storage first, then what a turn uses, then the ways in. */
export const DOCTOR_CHECKS: readonly DoctorCheckDefinition[] = [
  r2Check,
  modelCheck,
  browserCheck,
  sandboxCheck,
  telegramCheck,
  slackCheck,
  accessCheck,
];

/** Runs every check at once (each timed on its own) and reports them in a fixed order. */
export async function runDoctor(env: Env, requestUrl: string): Promise<DoctorReport> {
  const url = new URL(requestUrl);
  const where = stackPlaceOf(requestUrl);
  const context = { env, values: readWorkerConfig(env).values, where, origin: url.origin };
  const checks = await Promise.all(DOCTOR_CHECKS.map((check) => runDoctorCheck(check, context)));
  const report: DoctorReport = {
    ok: checks.every((check) => check.status !== "failed"),
    where,
    ranAt: Date.now(),
    checks,
  };
  logEvent(
    "doctor",
    {
      ok: report.ok,
      where,
      failed: checks
        .filter((check) => check.status === "failed")
        .map((check) => check.name)
        .join(","),
    },
    report.ok ? "info" : "warn",
  );
  return report;
}
