import { APICallError, generateText, isStepCount, tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createFailoverModel, isFailoverError, ModelTimeoutError } from "./failover-model";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

function answer(text: string) {
  return {
    content: [{ type: "text" as const, text }],
    finishReason: { unified: "stop" as const, raw: "stop" },
    usage,
    warnings: [],
  };
}

function httpError(statusCode: number): APICallError {
  return new APICallError({
    message: `HTTP ${statusCode} from the provider`,
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
  });
}

/** A model that answers its scripted results in order; an Error in the script is thrown. */
function scriptedModel(script: Array<string | Error | "hang">) {
  let calls = 0;
  const model = new MockLanguageModelV4({
    doGenerate: async (options) => {
      const next = script[calls++];
      if (next === "hang") {
        return new Promise((_, reject) => {
          const signal = options.abortSignal;
          if (signal?.aborted) reject(signal.reason);
          signal?.addEventListener("abort", () => reject(signal.reason));
        });
      }
      if (next instanceof Error) throw next;
      return answer(next ?? "(script ran out)");
    },
  });
  return { model, calls: () => calls };
}

describe("createFailoverModel", () => {
  it("answers from the first model when it can", async () => {
    const first = scriptedModel(["from first"]);
    const second = scriptedModel(["from second"]);
    const { model, log } = createFailoverModel([
      { label: "a/first", model: first.model },
      { label: "b/second", model: second.model },
    ]);
    const result = await generateText({ model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("from first");
    expect(second.calls()).toBe(0);
    expect(log).toEqual({ answeredBy: ["a/first"], failures: [], lastTried: "a/first" });
  });

  it.each([
    ["a rate limit", httpError(429)],
    ["a server error", httpError(503)],
    ["an unreachable provider", new TypeError("Network connection lost.")],
  ])("moves the same call to the next model on %s", async (_, error) => {
    const first = scriptedModel([error]);
    const second = scriptedModel(["from second"]);
    const noted: string[] = [];
    const { model, log } = createFailoverModel(
      [
        { label: "a/first", model: first.model },
        { label: "b/second", model: second.model },
      ],
      { onFailure: (failure) => noted.push(failure.model) },
    );
    const result = await generateText({ model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("from second");
    expect(log.answeredBy).toEqual(["b/second"]);
    expect(noted).toEqual(["a/first"]);
  });

  it("moves on when a model does not answer in time", async () => {
    const first = scriptedModel(["hang"]);
    const second = scriptedModel(["from second"]);
    const { model, log } = createFailoverModel(
      [
        { label: "a/first", model: first.model },
        { label: "b/second", model: second.model },
      ],
      { timeoutMs: 20 },
    );
    const result = await generateText({ model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("from second");
    expect(log.failures[0]?.error).toBeInstanceOf(ModelTimeoutError);
  });

  it("does not fail over on a refused key, and not when the turn is stopped", async () => {
    const refused = createFailoverModel([
      { label: "a/first", model: scriptedModel([httpError(401)]).model },
      { label: "b/second", model: scriptedModel(["from second"]).model },
    ]);
    await expect(
      generateText({ model: refused.model, prompt: "hi", maxRetries: 0 }),
    ).rejects.toThrow(/401/);
    expect(refused.log.answeredBy).toEqual([]);

    const stop = new AbortController();
    const second = scriptedModel(["from second"]);
    const stopped = createFailoverModel([
      { label: "a/first", model: scriptedModel(["hang"]).model },
      { label: "b/second", model: second.model },
    ]);
    const turn = generateText({
      model: stopped.model,
      prompt: "hi",
      maxRetries: 0,
      abortSignal: stop.signal,
    });
    stop.abort(new Error("stopped by the user"));
    await expect(turn).rejects.toThrow();
    expect(second.calls()).toBe(0);
  });

  it("continues a turn on the next model without running its finished tool calls again", async () => {
    const executed: string[] = [];
    let firstCalls = 0;
    const first = new MockLanguageModelV4({
      doGenerate: async () => {
        firstCalls += 1;
        if (firstCalls > 1) throw httpError(500);
        return {
          content: [
            {
              type: "tool-call",
              toolCallId: "c1",
              toolName: "note",
              input: JSON.stringify({ text: "once" }),
            },
          ],
          finishReason: { unified: "tool-calls", raw: "tool_calls" },
          usage,
          warnings: [],
        };
      },
    });
    const seenBySecond: string[] = [];
    const second = new MockLanguageModelV4({
      doGenerate: async (options) => {
        seenBySecond.push(...options.prompt.map((message) => message.role));
        return answer("noted");
      },
    });
    const { model, log } = createFailoverModel([
      { label: "a/first", model: first },
      { label: "b/second", model: second },
    ]);
    const result = await generateText({
      model,
      prompt: "note it",
      maxRetries: 0,
      stopWhen: isStepCount(4),
      tools: {
        note: tool({
          inputSchema: z.object({ text: z.string() }),
          execute: async ({ text }) => {
            executed.push(text);
            return "ok";
          },
        }),
      },
    });
    expect(result.text).toBe("noted");
    expect(executed).toEqual(["once"]);
    // The second model saw the first one's tool call and its result.
    expect(seenBySecond).toEqual(["user", "assistant", "tool"]);
    expect(log.answeredBy).toEqual(["a/first", "b/second"]);
  });

  it("throws the last error when every model fails, reporting only the failovers", async () => {
    const noted: string[] = [];
    const { model, log } = createFailoverModel(
      [
        { label: "a/first", model: scriptedModel([httpError(500)]).model },
        { label: "b/second", model: scriptedModel([httpError(429)]).model },
      ],
      { onFailure: (failure) => noted.push(failure.model) },
    );
    await expect(generateText({ model, prompt: "hi", maxRetries: 0 })).rejects.toThrow(/429/);
    expect(log.failures.map((failure) => failure.model)).toEqual(["a/first", "b/second"]);
    expect(log.lastTried).toBe("b/second");
    expect(noted).toEqual(["a/first"]);
  });
});

describe("isFailoverError", () => {
  it("fails over on what another model may not share", () => {
    expect(isFailoverError(httpError(429))).toBe(true);
    expect(isFailoverError(httpError(500))).toBe(true);
    expect(isFailoverError(httpError(400))).toBe(false);
    expect(isFailoverError(httpError(403))).toBe(false);
    expect(isFailoverError(new Error("fetch failed"))).toBe(true);
    expect(isFailoverError(new Error("something else"))).toBe(false);
  });
});
