import { describe, expect, it } from "vitest";
import { localDate, zonedTimeToInstant } from "../time/zoned-time";
import { nextCronRun, parseLocalDateTime, ReminderTimeError } from "./reminder-time";

describe("reminder times", () => {
  it("reads a local time in the person's zone, across DST", () => {
    // Berlin is UTC+1 in winter and UTC+2 in summer.
    expect(new Date(parseLocalDateTime("2026-11-26T09:00", "Europe/Berlin")).toISOString()).toBe(
      "2026-11-26T08:00:00.000Z",
    );
    expect(new Date(parseLocalDateTime("2026-07-01 09:00", "Europe/Berlin")).toISOString()).toBe(
      "2026-07-01T07:00:00.000Z",
    );
    expect(() => parseLocalDateTime("tomorrow at 9", "UTC")).toThrow(ReminderTimeError);
  });

  it("finds the next weekday 08:00 in New York", () => {
    // Friday 2026-11-27 14:00 UTC is 09:00 in New York: the next weekday 08:00 is Monday.
    const after = Date.parse("2026-11-27T14:00:00Z");
    const next = nextCronRun("0 8 * * 1-5", "America/New_York", after);
    expect(new Date(next).toISOString()).toBe("2026-11-30T13:00:00.000Z");
    const following = nextCronRun("0 8 * * 1-5", "America/New_York", next);
    expect(new Date(following).toISOString()).toBe("2026-12-01T13:00:00.000Z");
  });

  it("handles a day boundary in a zone ahead of UTC", () => {
    const after = Date.parse("2026-11-25T20:00:00Z"); // 05:00 on the 26th in Tokyo
    expect(localDate(after, "Asia/Tokyo")).toBe("2026-11-26");
    const next = nextCronRun("30 6 * * *", "Asia/Tokyo", after);
    expect(new Date(next).toISOString()).toBe("2026-11-25T21:30:00.000Z");
    expect(
      zonedTimeToInstant({ year: 2026, month: 11, day: 26, hour: 6, minute: 30 }, "Asia/Tokyo"),
    ).toBe(next);
  });

  it("refuses what is not a five-field cron", () => {
    expect(() => nextCronRun("every day", "UTC", 0)).toThrow(ReminderTimeError);
    expect(() => nextCronRun("0 8 * * * *", "UTC", 0)).toThrow(ReminderTimeError);
  });
});
