import { describe, expect, it } from "vitest";
import { pageWindow } from "./page-window";

describe("pageWindow", () => {
  it("returns short text unchanged", () => {
    expect(pageWindow("short", 0, 100)).toBe("short");
  });

  it("cuts long text on a line break and says where to read on", () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
    const first = pageWindow(text, 0, 100);
    const next = Number(/offset (\d+)/.exec(first)?.[1]);
    expect(text[next]).toBe("\n");
    expect(first.startsWith(text.slice(0, next))).toBe(true);
    const second = pageWindow(text, next, 100);
    expect(second.startsWith(`[characters ${next}-`)).toBe(true);
    const last = pageWindow(text, text.length - 10, 100);
    expect(last).toContain("line 49");
    expect(last).not.toContain("call again");
  });
});
