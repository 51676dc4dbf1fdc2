import { nextCronRun } from "./reminder-time";
import type { ReminderSpec } from "./reminder-tools";

/**
 * How far a person's schedule may grow. A page or message the model read can ask it to set a
 * reminder, so these bound what such an instruction can do unseen: how many recurring reminders
 * pile up, and how often a `task` (a full agent turn, with tools and model cost) runs by itself.
 */
export interface ReminderLimits {
  /** Recurring reminders (say and task) one person may have at once. */
  maxRecurring: number;
  /** The shortest time between two runs of a recurring task. */
  minTaskIntervalMinutes: number;
}

export const DEFAULT_REMINDER_LIMITS: ReminderLimits = {
  maxRecurring: 20,
  minTaskIntervalMinutes: 60,
};

/** Runs looked at to find a cron's shortest gap; its pattern repeats well within these. */
const RUNS_CHECKED = 100;
const MINUTE_MS = 60_000;

/** A reminder refused by a limit; the message is for the model to pass on. */
export class ReminderLimitError extends Error {}

/**
 * The shortest gap, in minutes, between consecutive runs of `cron` from `from` on (over its
 * next runs, stopping early once a gap under `floorMinutes` is seen).
 */
export function shortestCronGapMinutes(
  cron: string,
  timeZone: string,
  from: number,
  floorMinutes = 0,
): number {
  let previous = nextCronRun(cron, timeZone, from);
  let shortest = Number.POSITIVE_INFINITY;
  for (let run = 1; run < RUNS_CHECKED; run++) {
    const next = nextCronRun(cron, timeZone, previous);
    shortest = Math.min(shortest, (next - previous) / MINUTE_MS);
    if (shortest < floorMinutes) break;
    previous = next;
  }
  return shortest;
}

/**
 * Throws `ReminderLimitError` when `spec` would pass a limit. `recurringCount` is how many
 * recurring reminders the person has now (all chats).
 */
export function checkReminderLimits(
  spec: ReminderSpec,
  recurringCount: number,
  limits: ReminderLimits,
  now: number,
): void {
  if (spec.kind !== "cron" || !spec.cron) return;
  if (recurringCount >= limits.maxRecurring) {
    throw new ReminderLimitError(
      `The person already has ${recurringCount} recurring reminders, the most allowed (MAX_RECURRING_REMINDERS=${limits.maxRecurring}). Cancel one with cancel_reminder first, or set a one-off reminder with \`at\`.`,
    );
  }
  if (spec.action !== "task") return;
  const floor = limits.minTaskIntervalMinutes;
  const gap = shortestCronGapMinutes(spec.cron, spec.timeZone, now, floor);
  if (gap < floor) {
    throw new ReminderLimitError(
      `A recurring task runs a full agent turn by itself, so it may run at most once every ${floor} minutes (MIN_TASK_INTERVAL_MINUTES); "${spec.cron}" has runs ${gap} minute(s) apart. Choose a less frequent cron, or use action 'say' for a plain reminder.`,
    );
  }
}
