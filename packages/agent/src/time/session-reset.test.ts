import { describe, expect, it } from "vitest";
import { lastResetBoundary } from "./session-reset";

describe("lastResetBoundary", () => {
  it("is today's reset hour once it has passed, yesterday's before", () => {
    // 05:00 in Tokyo on the 26th: the 04:00 reset of the 26th has passed.
    const now = Date.parse("2026-11-25T20:00:00Z");
    expect(new Date(lastResetBoundary(now, "Asia/Tokyo", 4)).toISOString()).toBe(
      "2026-11-25T19:00:00.000Z",
    );
    // The 06:00 reset of the 26th has not: the boundary is 06:00 on the 25th.
    expect(new Date(lastResetBoundary(now, "Asia/Tokyo", 6)).toISOString()).toBe(
      "2026-11-24T21:00:00.000Z",
    );
  });
});
