import { DEFAULT_REMINDER_LIMITS, type ReminderLimits } from "@molt/agent";
import { readWorkerConfig } from "./worker-config";

/** MAX_RECURRING_REMINDERS and MIN_TASK_INTERVAL_MINUTES, with the defaults where unset. */
export function reminderLimits(
  config: Pick<ReturnType<typeof readWorkerConfig>, "values">,
): ReminderLimits {
  const { MAX_RECURRING_REMINDERS, MIN_TASK_INTERVAL_MINUTES } = config.values;
  return {
    maxRecurring: MAX_RECURRING_REMINDERS ?? DEFAULT_REMINDER_LIMITS.maxRecurring,
    minTaskIntervalMinutes:
      MIN_TASK_INTERVAL_MINUTES ?? DEFAULT_REMINDER_LIMITS.minTaskIntervalMinutes,
  };
}

export function reminderLimitsOf(env: Env): ReminderLimits {
  return reminderLimits(readWorkerConfig(env));
}

export function describeReminderLimits(limits: ReminderLimits): string {
  return `at most ${limits.maxRecurring} recurring reminders per person, recurring tasks at most every ${limits.minTaskIntervalMinutes} min`;
}
