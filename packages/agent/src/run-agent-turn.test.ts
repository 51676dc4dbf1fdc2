import { generateText, tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createDevModel } from "./dev-model";
import { runAgentTurn } from "./run-agent-turn";
import { createCurrentTimeTool } from "./tools/current-time-tool";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

describe("runAgentTurn", () => {
  it("runs a tool call and feeds its result back before answering", async () => {
    const fixedNow = new Date("2026-01-02T03:04:05Z");
    let call = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async (options) => {
        call++;
        if (call === 1) {
          return {
            content: [
              {
                type: "tool-call",
                toolCallId: "c1",
                toolName: "current_time",
                input: JSON.stringify({ timeZone: "Asia/Tokyo" }),
              },
            ],
            finishReason: { unified: "tool-calls", raw: "tool_calls" },
            usage,
            warnings: [],
          };
        }
        const toolMessage = options.prompt.find((message) => message.role === "tool");
        const output = JSON.stringify(toolMessage?.content);
        return {
          content: [{ type: "text", text: output.includes("12:04:05") ? "It is noon." : "?" }],
          finishReason: { unified: "stop", raw: "stop" },
          usage,
          warnings: [],
        };
      },
    });

    const result = await runAgentTurn({
      model,
      system: "sys",
      history: [],
      userText: "What time is it in Tokyo?",
      tools: { current_time: createCurrentTimeTool(() => fixedNow) },
    });

    expect(result.text).toBe("It is noon.");
    expect(result.newMessages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "assistant",
    ]);
    expect(result.usage).toEqual({ inputTokens: 20, outputTokens: 10, cachedInputTokens: 0 });
  });

  it("surfaces a model failure to the caller", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new Error("upstream 500");
      },
    });
    await expect(
      runAgentTurn({ model, system: "s", history: [], userText: "hi", tools: {} }),
    ).rejects.toThrow(/upstream 500/);
  });
});

describe("the prompt's layout", () => {
  it("puts the stable part first, the turn context last, marks the cacheable prefix and counts cached tokens", async () => {
    const prompts: unknown[] = [];
    const model = new MockLanguageModelV4({
      doGenerate: async (options) => {
        prompts.push(options.prompt);
        return {
          content: [{ type: "text", text: "ok" }],
          finishReason: { unified: "stop", raw: "stop" },
          usage: {
            inputTokens: { total: 100, noCache: 30, cacheRead: 70, cacheWrite: 0 },
            outputTokens: { total: 5, text: 5, reasoning: 0 },
          },
          warnings: [],
        };
      },
    });
    const result = await runAgentTurn({
      model,
      system: "stable instructions",
      turnContext: "<turn_context>\nCurrent time: now\n</turn_context>",
      history: [
        { role: "user", content: "earlier" },
        { role: "assistant", content: "answer" },
      ],
      userText: "new words",
      tools: {},
    });
    const breakpoint = { anthropic: { cacheControl: { type: "ephemeral" } } };
    expect(prompts[0]).toEqual([
      { role: "system", content: "stable instructions", providerOptions: breakpoint },
      { role: "user", content: [{ type: "text", text: "earlier" }] },
      {
        role: "assistant",
        content: [{ type: "text", text: "answer" }],
        providerOptions: breakpoint,
      },
      {
        role: "user",
        content: [
          { type: "text", text: "<turn_context>\nCurrent time: now\n</turn_context>" },
          { type: "text", text: "new words" },
        ],
      },
    ]);
    // The stored message is the person's words alone: the next turn's prefix is unchanged.
    expect(result.newMessages[0]).toEqual({ role: "user", content: "new words" });
    expect(result.usage).toEqual({ inputTokens: 100, outputTokens: 5, cachedInputTokens: 70 });
  });
});

describe("runAgentTurn with onTextDelta", () => {
  it("streams the answer piece by piece and returns the same text and messages", async () => {
    const deltas: string[] = [];
    const result = await runAgentTurn({
      model: createDevModel(),
      system: "s",
      history: [],
      userText: "stream me 7",
      tools: {},
      onTextDelta: (delta) => deltas.push(delta),
    });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(result.text);
    expect(result.text).toContain("stream me 7");
    expect(result.newMessages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it("reports each tool call with its input as the model makes it (onToolCall alone streams too)", async () => {
    const calls: Array<{ name: string; input: unknown }> = [];
    const shell = tool({
      inputSchema: z.object({ command: z.string() }),
      execute: async () => ({ stdout: "ok", exitCode: 0 }),
    });
    await runAgentTurn({
      model: createDevModel(),
      system: "s",
      history: [],
      userText: "run pytest -q",
      tools: { shell },
      onToolCall: (name, input) => calls.push({ name, input }),
    });
    expect(calls).toEqual([{ name: "shell", input: { command: "pytest -q" } }]);
  });

  it("rejects when the model fails mid-stream", async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => {
        throw new Error("upstream 503");
      },
    });
    await expect(
      runAgentTurn({
        model,
        system: "s",
        history: [],
        userText: "hi",
        tools: {},
        onTextDelta: () => {},
      }),
    ).rejects.toThrow(/upstream 503/);
  });
});

describe("createDevModel", () => {
  it("echoes the last message and says it is the dev model", async () => {
    const result = await generateText({ model: createDevModel(), prompt: "ping 42" });
    expect(result.text).toContain("dev model");
    expect(result.text).toContain("ping 42");
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });
});
