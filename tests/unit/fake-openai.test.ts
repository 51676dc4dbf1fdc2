import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../fakes/fake-openai.ts";
import { getJson, postJson } from "./fake-test-helpers.ts";

interface ChunkDelta {
  role?: string;
  content?: string | null;
  tool_calls?: Array<{
    index: number;
    id?: string;
    type?: string;
    function?: { name?: string; arguments?: string };
  }>;
}

/** Reads an SSE body the way OpenAI's docs describe: `data:` lines, ending with `[DONE]`. */
function parseSse(body: string) {
  const events = body.split("\n\n").filter((event) => event !== "");
  expect(events.every((event) => event.startsWith("data: "))).toBe(true);
  expect(events.at(-1)).toBe("data: [DONE]");
  return events.slice(0, -1).map((event) => JSON.parse(event.slice("data: ".length)));
}

describe("fake OpenAI", () => {
  let openai: FakeOpenAI;
  const auth = { authorization: "Bearer sk-test" };

  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: "sk-test" });
  });
  afterAll(() => openai.close());
  beforeEach(() => openai.reset());

  it("echoes the last user message by default", async () => {
    const response = await postJson(
      `${openai.baseUrl}/chat/completions`,
      {
        model: "gpt-test",
        messages: [
          { role: "system", content: "be nice" },
          { role: "user", content: [{ type: "text", text: "hello there" }] },
        ],
      },
      auth,
    );
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      object: "chat.completion",
      model: "gpt-test",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "echo: hello there" },
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    });
    expect(response.json.id).toMatch(/^chatcmpl-/);
  });

  it("reports a repeated prompt prefix as cached tokens, by OpenAI's rules", async () => {
    const ask = (system: string, text: string) =>
      postJson(
        `${openai.baseUrl}/chat/completions`,
        {
          model: "gpt-test",
          messages: [
            { role: "system", content: system },
            { role: "user", content: text },
          ],
        },
        auth,
      );
    const cached = (response: { json: { usage: { prompt_tokens_details: object } } }) =>
      (response.json.usage.prompt_tokens_details as { cached_tokens: number }).cached_tokens;
    const long = "stable instructions ".repeat(600);
    expect(cached(await ask(long, "first"))).toBe(0);
    const second = await ask(long, "second");
    // About 3,000 shared tokens: cached from 1,024 on, in steps of 128.
    expect(cached(second)).toBeGreaterThanOrEqual(2_944);
    expect((cached(second) - 1_024) % 128).toBe(0);
    expect(cached(second)).toBeLessThan(second.json.usage.prompt_tokens);
    const [, record] = openai.requests();
    expect(record?.sharedPrefixTokens).toBeGreaterThanOrEqual(cached(second));
    // Under 1,024 tokens nothing is cached, however often it repeats.
    await ask("short", "a");
    expect(cached(await ask("short", "a"))).toBe(0);
  });

  it("rejects a wrong API key in OpenAI's error shape", async () => {
    const response = await postJson(
      `${openai.url}/v1/chat/completions`,
      { model: "m", messages: [] },
      {
        authorization: "Bearer wrong",
      },
    );
    expect(response.status).toBe(401);
    expect(response.json.error).toMatchObject({
      type: "invalid_request_error",
      code: "invalid_api_key",
    });
  });

  it("streams scripted text and tool calls as incremental deltas", async () => {
    const script = [
      {
        text: "Let me check the weather.",
        toolCalls: [
          { name: "get_weather", arguments: { city: "Paris", units: "metric", days: [1, 2, 3] } },
          { name: "search", arguments: { q: "umbrella" } },
        ],
      },
    ];
    expect((await postJson(`${openai.url}/__control/script`, script)).status).toBe(200);
    const tools = [{ type: "function", function: { name: "get_weather", parameters: {} } }];
    const response = await fetch(`${openai.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({
        model: "m",
        stream: true,
        stream_options: { include_usage: true },
        tools,
        messages: [{ role: "user", content: "weather?" }],
      }),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const chunks = parseSse(await response.text());
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);

    let text = "";
    const calls: Array<{ id: string; name: string; arguments: string }> = [];
    let finishReason: string | null = null;
    for (const chunk of chunks.filter((c) => c.choices.length > 0)) {
      const delta: ChunkDelta = chunk.choices[0].delta;
      text += delta.content ?? "";
      for (const part of delta.tool_calls ?? []) {
        calls[part.index] ??= { id: "", name: "", arguments: "" };
        const call = calls[part.index] as { id: string; name: string; arguments: string };
        if (part.id) call.id = part.id;
        call.name += part.function?.name ?? "";
        call.arguments += part.function?.arguments ?? "";
      }
      finishReason = chunk.choices[0].finish_reason ?? finishReason;
    }
    expect(text).toBe("Let me check the weather.");
    expect(finishReason).toBe("tool_calls");
    expect(calls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments) }))).toEqual([
      {
        id: "call_1",
        name: "get_weather",
        arguments: { city: "Paris", units: "metric", days: [1, 2, 3] },
      },
      { id: "call_2", name: "search", arguments: { q: "umbrella" } },
    ]);
    const argumentDeltas = chunks.filter(
      (c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments,
    );
    expect(argumentDeltas.length).toBeGreaterThan(2);
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage.total_tokens).toBe(
      usage.usage.prompt_tokens + usage.usage.completion_tokens,
    );

    const requests = await getJson(`${openai.url}/__control/requests`);
    expect(requests[0].body.tools).toEqual(tools);
  });

  it("answers non-streamed tool calls with content null", async () => {
    openai.setScript([{ toolCalls: [{ name: "remember", arguments: { fact: "x" } }] }]);
    const response = await postJson(
      `${openai.baseUrl}/chat/completions`,
      { model: "m", messages: [{ role: "user", content: "hi" }] },
      auth,
    );
    expect(response.json.choices[0]).toEqual({
      index: 0,
      message: {
        role: "assistant",
        content: null,
        refusal: null,
        annotations: [],
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "remember", arguments: '{"fact":"x"}' },
          },
        ],
      },
      logprobs: null,
      finish_reason: "tool_calls",
    });
  });

  it("fails injected requests without consuming the script", async () => {
    openai.setScript([{ text: "after retry" }, { error: { status: 400, message: "scripted" } }]);
    await postJson(`${openai.url}/__control/fail`, {
      times: 1,
      status: 429,
      message: "slow down",
      retryAfterMs: 10,
    });
    const request = { model: "m", messages: [{ role: "user", content: "hi" }] };
    const limited = await postJson(`${openai.baseUrl}/chat/completions`, request, auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after-ms")).toBe("10");
    expect(limited.json).toEqual({
      error: { message: "slow down", type: "requests", param: null, code: "rate_limit_exceeded" },
    });
    const retried = await postJson(`${openai.baseUrl}/chat/completions`, request, auth);
    expect(retried.json.choices[0].message.content).toBe("after retry");
    const scripted = await postJson(`${openai.baseUrl}/chat/completions`, request, auth);
    expect(scripted.status).toBe(400);
    expect(scripted.json.error.message).toBe("scripted");
    expect(openai.requests()).toHaveLength(3);
  });

  it("records when each answer was fully written", async () => {
    openai.setScript([{ text: "slow", delayMs: 30 }]);
    const request = { model: "m", messages: [{ role: "user", content: "hi" }] };
    await postJson(`${openai.baseUrl}/chat/completions`, request, auth);
    const [record] = openai.requests();
    expect(record?.finishedAt).toEqual(expect.any(Number));
    expect((record?.finishedAt ?? 0) - (record?.at ?? 0)).toBeGreaterThanOrEqual(25);
  });

  it("lists models", async () => {
    const response = await fetch(`${openai.baseUrl}/models`, { headers: auth });
    expect(await response.json()).toEqual({
      object: "list",
      data: [
        { id: "fake-model", object: "model", created: expect.any(Number), owned_by: "fake-openai" },
      ],
    });
  });
});
