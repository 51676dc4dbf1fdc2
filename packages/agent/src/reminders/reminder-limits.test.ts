import { describe, expect, it } from "vitest";
import {
  checkReminderLimits,
  DEFAULT_REMINDER_LIMITS,
  ReminderLimitError,
  shortestCronGapMinutes,
} from "./reminder-limits";
import type { ReminderSpec } from "./reminder-tools";

const NOW = Date.UTC(2026, 0, 5, 12, 0);

function cronSpec(cron: string, action: ReminderSpec["action"] = "task"): ReminderSpec {
  return { action, text: "x", kind: "cron", cron, timeZone: "Europe/Paris", nextRunAt: NOW };
}

describe("shortestCronGapMinutes", () => {
  it.each([
    ["* * * * *", 1],
    ["*/5 * * * *", 5],
    ["0 * * * *", 60],
    ["0,1 8 * * *", 1],
    ["0 8 * * 1-5", 24 * 60],
  ])("%s has runs %i minutes apart", (cron, minutes) => {
    expect(shortestCronGapMinutes(cron, "Europe/Paris", NOW)).toBe(minutes);
  });
});

describe("checkReminderLimits", () => {
  const limits = DEFAULT_REMINDER_LIMITS;

  it("refuses a task more often than the floor, and allows a plain reminder as often", () => {
    expect(() => checkReminderLimits(cronSpec("*/30 * * * *"), 0, limits, NOW)).toThrow(
      ReminderLimitError,
    );
    expect(() => checkReminderLimits(cronSpec("0 * * * *"), 0, limits, NOW)).not.toThrow();
    expect(() => checkReminderLimits(cronSpec("* * * * *", "say"), 0, limits, NOW)).not.toThrow();
  });

  it("refuses a recurring reminder past the count, never a one-off", () => {
    expect(() => checkReminderLimits(cronSpec("0 9 * * *", "say"), 20, limits, NOW)).toThrow(
      /already has 20 recurring reminders/,
    );
    const once: ReminderSpec = { ...cronSpec("0 9 * * *"), kind: "once", cron: null };
    expect(() => checkReminderLimits(once, 500, limits, NOW)).not.toThrow();
  });
});
