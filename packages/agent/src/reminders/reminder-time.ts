import { parseCronExpression } from "cron-schedule";
import { zonedParts, zonedTimeToInstant } from "../time/zoned-time";

const DAY_MS = 86_400_000;
/** A cron expression that matches nothing within this many days is refused. */
const CRON_SEARCH_DAYS = 366 * 4;

export class ReminderTimeError extends Error {}

/**
 * Reads a local date-time as the person writes it to the model ("2026-11-26T09:00" or
 * "2026-11-26 09:00") and returns the instant it means in `timeZone`.
 */
export function parseLocalDateTime(text: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  if (!match) {
    throw new ReminderTimeError(`"${text}" is not a local date-time like 2026-11-26T09:00.`);
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) {
    throw new ReminderTimeError(`"${text}" is not a valid date-time.`);
  }
  return zonedTimeToInstant({ year, month, day, hour, minute }, timeZone);
}

/** Checks a five-field cron expression; throws ReminderTimeError when it is not one. */
export function validateCron(expression: string): void {
  if (expression.trim().split(/\s+/).length !== 5) {
    throw new ReminderTimeError(
      `"${expression}" must have five fields: minute hour day month weekday.`,
    );
  }
  try {
    parseCronExpression(expression);
  } catch (error) {
    throw new ReminderTimeError(`"${expression}" is not a cron expression (${String(error)}).`);
  }
}

/**
 * The first instant strictly after `after` at which the cron expression matches the wall clock
 * in `timeZone`. Standard cron semantics: when both day-of-month and weekday are restricted,
 * either may match.
 */
export function nextCronRun(expression: string, timeZone: string, after: number): number {
  validateCron(expression);
  const cron = parseCronExpression(expression);
  const dayRestricted = cron.days.length < 31;
  const weekdayRestricted = cron.weekdays.length < 7;
  const start = zonedParts(after, timeZone);
  for (let offset = 0; offset < CRON_SEARCH_DAYS; offset++) {
    // Walk calendar days in UTC arithmetic; only the date fields are used.
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day) + offset * DAY_MS);
    const day = date.getUTCDate();
    const weekday = date.getUTCDay();
    if (!cron.months.includes(date.getUTCMonth())) continue;
    const dayMatches =
      dayRestricted && weekdayRestricted
        ? cron.days.includes(day) || cron.weekdays.includes(weekday)
        : cron.days.includes(day) && cron.weekdays.includes(weekday);
    if (!dayMatches) continue;
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        const instant = zonedTimeToInstant(
          { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day, hour, minute },
          timeZone,
        );
        if (instant > after) return instant;
      }
    }
  }
  throw new ReminderTimeError(`"${expression}" never matches.`);
}
