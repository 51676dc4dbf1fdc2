import { z } from "zod";
import { logEvent } from "../observability/log-event";
import type { AgentSettings } from "./agent-settings";
import { utcDay } from "./agent-store";
import { describeModelError } from "./describe-error";

const MODEL_HEALTH_KEY = "model-health";
/** When a turn last got its answer from the model: a later error means the model is failing now. */
const MODEL_LAST_OK_KEY = "model-last-ok";

const modelHealthRecordSchema = z.object({
  day: z.string(),
  errorsToday: z.number(),
  lastError: z.string(),
  lastErrorAt: z.number(),
});

export interface ModelHealth {
  errorsToday: number;
  lastError: { message: string; at: number } | null;
  lastSuccessAt: number | null;
}

/** Notes a turn the model answered, so an earlier error no longer reads as the current state. */
export function recordModelSuccess(settings: AgentSettings, now: number): void {
  settings.setJson(MODEL_LAST_OK_KEY, now);
}

/**
 * Notes a turn the model could not answer: one log line for the operator's logs, and the
 * latest error with a count per UTC day for the dashboard. Returns the reason in plain words.
 */
export function recordModelFailure(
  settings: AgentSettings,
  userId: string,
  error: unknown,
  now: number,
): string {
  const reason = describeModelError(error);
  logEvent(
    "model",
    {
      userId,
      outcome: "failed",
      reason,
      errorName: error instanceof Error ? error.name : typeof error,
    },
    "error",
  );
  const day = utcDay(now);
  const previous = settings.json(MODEL_HEALTH_KEY, modelHealthRecordSchema);
  const errorsToday = previous?.day === day ? previous.errorsToday + 1 : 1;
  settings.setJson(MODEL_HEALTH_KEY, { day, errorsToday, lastError: reason, lastErrorAt: now });
  return reason;
}

export function readModelHealth(settings: AgentSettings, now: number): ModelHealth {
  const record = settings.json(MODEL_HEALTH_KEY, modelHealthRecordSchema);
  const lastSuccessAt = settings.json(MODEL_LAST_OK_KEY, z.number()) ?? null;
  if (!record) return { errorsToday: 0, lastError: null, lastSuccessAt };
  return {
    errorsToday: record.day === utcDay(now) ? record.errorsToday : 0,
    lastError: { message: record.lastError, at: record.lastErrorAt },
    lastSuccessAt,
  };
}
