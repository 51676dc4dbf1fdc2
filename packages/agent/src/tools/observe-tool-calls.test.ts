import { tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { observeToolCalls, type ToolCallReport } from "./observe-tool-calls";
import { toolError } from "./tool-error";

const options = { toolCallId: "t1", messages: [], context: {} };

function clock(...times: number[]) {
  return () => times.shift() ?? 0;
}

describe("observeToolCalls", () => {
  const tools = {
    echo: tool({
      description: "echo",
      inputSchema: z.object({ text: z.string() }),
      execute: async ({ text }) => ({ echoed: text }),
    }),
    refuse: tool({
      description: "refuse",
      inputSchema: z.object({}),
      execute: async () => toolError("not today"),
    }),
    crash: tool({
      description: "crash",
      inputSchema: z.object({}),
      execute: async (): Promise<string> => {
        throw new Error("disk on fire");
      },
    }),
  };

  it("reports each call's tool, outcome and duration, and keeps the result", async () => {
    const reports: ToolCallReport[] = [];
    const observed = observeToolCalls(tools, (r) => reports.push(r), clock(100, 142, 200, 201));
    expect(await observed.echo?.execute?.({ text: "hi" }, options)).toEqual({ echoed: "hi" });
    expect(await observed.refuse?.execute?.({}, options)).toEqual({ error: "not today" });
    expect(reports).toEqual([
      { tool: "echo", ok: true, durationMs: 42 },
      { tool: "refuse", ok: false, durationMs: 1 },
    ]);
    expect(observed.echo?.description).toBe("echo");
  });

  it("hands an unexpected throw to the model as an error result", async () => {
    const reports: ToolCallReport[] = [];
    const observed = observeToolCalls(tools, (r) => reports.push(r));
    expect(await observed.crash?.execute?.({}, options)).toEqual({ error: "disk on fire" });
    expect(reports).toMatchObject([{ tool: "crash", ok: false }]);
  });

  it("still throws when the turn was stopped", async () => {
    const controller = new AbortController();
    controller.abort();
    const observed = observeToolCalls(tools, () => {});
    await expect(
      observed.crash?.execute?.({}, { ...options, abortSignal: controller.signal }),
    ).rejects.toThrow("disk on fire");
  });
});
