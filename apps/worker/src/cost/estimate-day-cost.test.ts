import { describe, expect, it } from "vitest";
import {
  containerAwakeSecondsToday,
  estimateDayCost,
  parseSleepAfterSeconds,
} from "./estimate-day-cost";

const total = (turns: number, containerAwakeSeconds = 0) =>
  estimateDayCost({ day: "2026-11-30", turns, containerAwakeSeconds }).totalUsd;

describe("estimateDayCost", () => {
  it("costs nothing for an idle day", () => {
    expect(total(0)).toBe(0);
  });

  it("prices a light day (20 turns, no tools) at a small fraction of a cent", () => {
    // docs/cost.md works this profile out by hand: about $0.0005 a day.
    expect(total(20)).toBeGreaterThan(0.0004);
    expect(total(20)).toBeLessThan(0.0006);
  });

  it("grows with turns and with the container's awake time", () => {
    expect(total(50)).toBeGreaterThan(total(20));
    expect(total(50, 1800)).toBeGreaterThan(total(50));
  });

  it("prices an hour of a basic container from its memory, disk and used CPU", () => {
    const hour = estimateDayCost({ day: "d", turns: 0, containerAwakeSeconds: 3600 });
    const line = hour.lines.find((each) => each.item === "containers");
    // 1 GiB × 3600 s × $0.0000025 + 4 GB × 3600 s × $0.00000007 + 0.25 × 10% × 3600 × $0.00002
    expect(line?.usd).toBeCloseTo(0.009 + 0.001008 + 0.0018, 6);
  });

  it("says what each line counted", () => {
    const estimate = estimateDayCost({ day: "d", turns: 3, containerAwakeSeconds: 660 });
    expect(estimate.lines.map((line) => line.item)).toEqual([
      "workers",
      "durable-objects",
      "r2",
      "containers",
    ]);
    expect(estimate.lines[3]?.basis).toBe("11 min awake (basic instance)");
  });
});

describe("containerAwakeSecondsToday", () => {
  const day = Date.UTC(2026, 10, 30);
  const minute = 60_000;

  it("is zero for a computer that never ran", () => {
    expect(
      containerAwakeSecondsToday({ startedAt: null, lastActivityAt: null }, 600, day, day),
    ).toBe(0);
  });

  it("counts from the start to the last call plus the sleep timeout", () => {
    const sandbox = { startedAt: day + 60 * minute, lastActivityAt: day + 65 * minute };
    expect(containerAwakeSecondsToday(sandbox, 600, day, day + 120 * minute)).toBe(15 * 60);
  });

  it("counts at least the sleep window after the last call of a computer asleep now", () => {
    const sandbox = { startedAt: null, lastActivityAt: day + 60 * minute };
    expect(containerAwakeSecondsToday(sandbox, 600, day, day + 120 * minute)).toBe(600);
  });

  it("counts only today's part, and not beyond now", () => {
    const sandbox = { startedAt: day - 30 * minute, lastActivityAt: day + 2 * minute };
    expect(containerAwakeSecondsToday(sandbox, 600, day, day + 5 * minute)).toBe(5 * 60);
  });
});

describe("parseSleepAfterSeconds", () => {
  it.each([
    ["10m", 600],
    ["600s", 600],
    ["600", 600],
    ["1h", 3600],
    [undefined, 600],
  ])("reads %s as %i s", (value, seconds) => {
    expect(parseSleepAfterSeconds(value)).toBe(seconds);
  });
});
