import { describe, expect, it } from "vitest";
import { formatLogLine } from "./log-event";

describe("formatLogLine", () => {
  it("writes one JSON object with the event, level and the given fields", () => {
    const line = formatLogLine("turn", { userId: "u1", durationMs: 12, ok: true }, "info");
    expect(JSON.parse(line)).toEqual({
      event: "turn",
      level: "info",
      userId: "u1",
      durationMs: 12,
      ok: true,
    });
  });

  it("drops undefined fields and any field named like a credential", () => {
    const line = formatLogLine(
      "delivery",
      { userId: "u1", botToken: "123:abc", apiKey: "sk", authorization: "x", missing: undefined },
      "warn",
    );
    expect(JSON.parse(line)).toEqual({ event: "delivery", level: "warn", userId: "u1" });
  });
});
