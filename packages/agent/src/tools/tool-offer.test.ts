import { tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgentTurn } from "../run-agent-turn";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

type Step = { call: string; input?: Record<string, unknown> } | { text: string };

/** A model that plays the steps in order and records the tool names each request offered. */
function scriptedModel(steps: Step[]) {
  const offered: string[][] = [];
  const model = new MockLanguageModelV4({
    doGenerate: async (options) => {
      offered.push((options.tools ?? []).map((t) => t.name));
      const step = steps[offered.length - 1] ?? { text: "done" };
      if ("text" in step) {
        return {
          content: [{ type: "text", text: step.text }],
          finishReason: { unified: "stop", raw: "stop" },
          usage,
          warnings: [],
        };
      }
      return {
        content: [
          {
            type: "tool-call",
            toolCallId: `c${offered.length}`,
            toolName: step.call,
            input: JSON.stringify(step.input ?? {}),
          },
        ],
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage,
        warnings: [],
      };
    },
  });
  return { model, offered };
}

function toolsWithOffer() {
  const on = new Set<string>();
  const ran: string[] = [];
  const make = (name: string, turnsOn?: string) =>
    tool({
      description: name,
      inputSchema: z.object({}).passthrough(),
      execute: async () => {
        if (turnsOn) on.add(turnsOn);
        ran.push(name);
        return { ok: name };
      },
    });
  const tools = {
    current_time: make("current_time"),
    shell: make("shell", "computer"),
    use_tools: tool({
      description: "use_tools",
      inputSchema: z.object({ toolsets: z.array(z.string()) }),
      execute: async ({ toolsets }) => {
        for (const name of toolsets) on.add(name);
        ran.push("use_tools");
        return { on: toolsets };
      },
    }),
  };
  const offer = { isOffered: (name: string) => name !== "shell" || on.has("computer") };
  return { tools, offer, ran };
}

describe("tools offered by need", () => {
  it("shows a toolset's tools from the step after use_tools turned it on", async () => {
    const { model, offered } = scriptedModel([
      { call: "use_tools", input: { toolsets: ["computer"] } },
      { call: "shell" },
      { text: "ran it" },
    ]);
    const { tools, offer, ran } = toolsWithOffer();
    const result = await runAgentTurn({
      model,
      system: "",
      history: [],
      userText: "run ls",
      tools,
      toolOffer: offer,
    });
    expect(result.text).toBe("ran it");
    expect(ran).toEqual(["use_tools", "shell"]);
    expect(offered).toEqual([
      ["current_time", "use_tools"],
      ["current_time", "shell", "use_tools"],
      ["current_time", "shell", "use_tools"],
    ]);
  });

  it("runs a tool the model calls before it is offered, and offers it from then on", async () => {
    const { model, offered } = scriptedModel([{ call: "shell" }, { text: "ran it" }]);
    const { tools, offer, ran } = toolsWithOffer();
    await runAgentTurn({
      model,
      system: "",
      history: [],
      userText: "run ls",
      tools,
      toolOffer: offer,
    });
    expect(ran).toEqual(["shell"]);
    expect(offered).toEqual([
      ["current_time", "use_tools"],
      ["current_time", "shell", "use_tools"],
    ]);
  });

  it("offers every tool when the turn gives no offer", async () => {
    const { model, offered } = scriptedModel([{ text: "hi" }]);
    const { tools } = toolsWithOffer();
    await runAgentTurn({ model, system: "", history: [], userText: "hi", tools });
    expect(offered).toEqual([["current_time", "shell", "use_tools"]]);
  });
});
