import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { trimHistoryToBudget } from "./trim-history";

const user = (text: string): ModelMessage => ({ role: "user", content: text });
const assistant = (text: string): ModelMessage => ({ role: "assistant", content: text });

describe("trimHistoryToBudget", () => {
  it("keeps everything that fits", () => {
    const history = [user("a"), assistant("b")];
    expect(trimHistoryToBudget(history, 1000)).toEqual(history);
  });

  it("drops the oldest messages first and never starts on a non-user message", () => {
    const history = [
      user("x".repeat(400)),
      assistant("y".repeat(400)),
      user("hi"),
      assistant("ok"),
    ];
    const kept = trimHistoryToBudget(history, 110);
    expect(kept).toEqual([user("hi"), assistant("ok")]);
  });

  it("returns nothing when not even the newest exchange fits", () => {
    expect(trimHistoryToBudget([user("x".repeat(1000))], 10)).toEqual([]);
  });
});
