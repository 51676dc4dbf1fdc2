import { zonedParts, zonedTimeToInstant } from "./zoned-time";

const DAY_MS = 86_400_000;

/**
 * The latest instant, at or before `now`, when clocks in `timeZone` showed `hour`:00. A session
 * started before it is replaced by a fresh one (the optional daily reset).
 */
export function lastResetBoundary(now: number, timeZone: string, hour: number): number {
  for (const back of [0, 1, 2]) {
    const p = zonedParts(now - back * DAY_MS, timeZone);
    const boundary = zonedTimeToInstant(
      { year: p.year, month: p.month, day: p.day, hour, minute: 0 },
      timeZone,
    );
    if (boundary <= now) return boundary;
  }
  return now - DAY_MS;
}
