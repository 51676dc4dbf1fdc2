import { z } from "zod";
import { logEvent } from "../observability/log-event";
import type { AgentSettings } from "./agent-settings";
import { utcDay } from "./agent-store";
import { describeModelError, describeModelErrorInFull } from "./describe-error";

const MODEL_HEALTH_KEY = "model-health";
/** When a turn last got its answer from the model: a later error means the model is failing now. */
const MODEL_LAST_OK_KEY = "model-last-ok";

const modelHealthRecordSchema = z.object({
  day: z.string(),
  errorsToday: z.number(),
  lastError: z.string(),
  lastErrorAt: z.number(),
  /** The model that failed (`provider/model`); records of earlier releases have none. */
  lastErrorModel: z.string().optional(),
  /** What the provider said, for the operator. */
  lastErrorDetail: z.string().optional(),
});

export interface ModelHealth {
  errorsToday: number;
  lastError: { message: string; at: number; model?: string; detail?: string } | null;
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
  model?: string,
): string {
  const reason = describeModelError(error);
  note(settings, userId, { error, now, model, reason, outcome: "failed", counts: true });
  return reason;
}

/**
 * Notes one model call that failed and was handed to the next model (or ended the chain):
 * the dashboard shows it as the last error, but only a turn left unanswered counts as one.
 */
export function recordModelFallback(
  settings: AgentSettings,
  userId: string,
  model: string,
  error: unknown,
  now: number,
): void {
  const reason = describeModelError(error);
  note(settings, userId, { error, now, model, reason, outcome: "failover", counts: false });
}

function note(
  settings: AgentSettings,
  userId: string,
  event: {
    error: unknown;
    now: number;
    model: string | undefined;
    reason: string;
    outcome: "failed" | "failover";
    counts: boolean;
  },
): void {
  const { error, now, model, reason } = event;
  const detail = describeModelErrorInFull(error);
  logEvent(
    "model",
    {
      userId,
      outcome: event.outcome,
      ...(model ? { model } : {}),
      reason,
      detail,
      errorName: error instanceof Error ? error.name : typeof error,
    },
    event.counts ? "error" : "warn",
  );
  const day = utcDay(now);
  const previous = settings.json(MODEL_HEALTH_KEY, modelHealthRecordSchema);
  const before = previous?.day === day ? previous.errorsToday : 0;
  settings.setJson(MODEL_HEALTH_KEY, {
    day,
    errorsToday: event.counts ? before + 1 : before,
    lastError: reason,
    lastErrorAt: now,
    lastErrorModel: model,
    lastErrorDetail: detail,
  });
}

export function readModelHealth(settings: AgentSettings, now: number): ModelHealth {
  const record = settings.json(MODEL_HEALTH_KEY, modelHealthRecordSchema);
  const lastSuccessAt = settings.json(MODEL_LAST_OK_KEY, z.number()) ?? null;
  if (!record) return { errorsToday: 0, lastError: null, lastSuccessAt };
  return {
    errorsToday: record.day === utcDay(now) ? record.errorsToday : 0,
    lastError: {
      message: record.lastError,
      at: record.lastErrorAt,
      ...(record.lastErrorModel ? { model: record.lastErrorModel } : {}),
      ...(record.lastErrorDetail ? { detail: record.lastErrorDetail } : {}),
    },
    lastSuccessAt,
  };
}
