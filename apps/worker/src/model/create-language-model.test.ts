import { generateText } from "ai";
import { describe, expect, it } from "vitest";
import { workerEnvSchema } from "../config/worker-config";
import { createLanguageModel } from "./create-language-model";

const noAi = {} as Ai;

function values(settings: Record<string, string>) {
  return workerEnvSchema.parse(settings);
}

/** Records the request and answers like the provider would, so the SDK completes the call. */
function recordingFetch(answer: unknown) {
  const seen: { url: string; headers: Headers; body: unknown }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)),
    });
    return Response.json(answer);
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

const openAiResponsesAnswer = {
  id: "resp_1",
  created_at: 1,
  model: "gpt-test",
  output: [
    {
      type: "message",
      id: "msg_1",
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: "hi from openai", annotations: [] }],
    },
  ],
  usage: { input_tokens: 3, output_tokens: 4 },
};

const anthropicAnswer = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-test",
  content: [{ type: "text", text: "hi from anthropic" }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 3, output_tokens: 4 },
};

describe("createLanguageModel", () => {
  it("uses the offline dev model when MODEL is empty", () => {
    const choice = createLanguageModel(values({ MODEL: "" }), noAi);
    expect(choice).toMatchObject({ ok: true, label: "dev/offline" });
  });

  it("names what is wrong with a malformed MODEL or a missing key", () => {
    expect(createLanguageModel(values({ MODEL: "gpt-4" }), noAi)).toMatchObject({
      ok: false,
      names: ["MODEL"],
    });
    expect(createLanguageModel(values({ MODEL: "mistral/large" }), noAi)).toMatchObject({
      ok: false,
      names: ["MODEL"],
    });
    expect(createLanguageModel(values({ MODEL: "openai/gpt-test" }), noAi)).toMatchObject({
      ok: false,
      names: ["OPENAI_API_KEY"],
    });
    expect(createLanguageModel(values({ MODEL: "openai-compatible/x" }), noAi)).toMatchObject({
      ok: false,
      names: ["OPENAI_BASE_URL"],
    });
  });

  const gateway = {
    AI_GATEWAY_ID: "my-gateway",
    AI_GATEWAY_ACCOUNT_ID: "acct123",
    AI_GATEWAY_TOKEN: "gw-token",
  };

  /** Builds the model from settings, runs one prompt, and returns the answer and the request. */
  async function generateWith(settings: Record<string, string>, answer: unknown) {
    const { seen, fetch } = recordingFetch(answer);
    const choice = createLanguageModel(values(settings), noAi, fetch);
    if (!choice.ok) throw new Error(choice.message);
    const result = await generateText({ model: choice.model, prompt: "hello" });
    return { text: result.text, request: seen[0] };
  }

  it("sends OpenAI calls through AI Gateway's provider URL with the gateway token", async () => {
    const { text, request } = await generateWith(
      { MODEL: "openai/gpt-test", OPENAI_API_KEY: "sk-test", ...gateway },
      openAiResponsesAnswer,
    );
    expect(text).toBe("hi from openai");
    expect(request?.url).toBe(
      "https://gateway.ai.cloudflare.com/v1/acct123/my-gateway/openai/responses",
    );
    expect(request?.headers.get("authorization")).toBe("Bearer sk-test");
    expect(request?.headers.get("cf-aig-authorization")).toBe("Bearer gw-token");
  });

  it("lets an authenticated gateway supply a stored Anthropic key", async () => {
    const { text, request } = await generateWith(
      { MODEL: "anthropic/claude-test", ...gateway },
      anthropicAnswer,
    );
    expect(text).toBe("hi from anthropic");
    expect(request?.url).toBe(
      "https://gateway.ai.cloudflare.com/v1/acct123/my-gateway/anthropic/v1/messages",
    );
    expect(request?.headers.get("cf-aig-authorization")).toBe("Bearer gw-token");
    // A key in the request would win over the stored one: none may be sent, not even a placeholder.
    expect(request?.headers.get("x-api-key")).toBeNull();
    expect(request?.headers.get("authorization")).toBeNull();
  });

  it("names both gateway settings when only one is set, instead of bypassing the gateway", () => {
    const choice = createLanguageModel(
      values({ MODEL: "openai/gpt-test", OPENAI_API_KEY: "sk-test", AI_GATEWAY_ID: "my-gateway" }),
      noAi,
    );
    expect(choice).toMatchObject({ ok: false, names: ["AI_GATEWAY_ID", "AI_GATEWAY_ACCOUNT_ID"] });
  });

  it("runs Workers AI models through the ai binding with the gateway option", async () => {
    const runs: { model: string; options: unknown }[] = [];
    const ai = {
      run: async (model: string, _inputs: unknown, options: unknown) => {
        runs.push({ model, options });
        return {
          response: "hi from workers ai",
          usage: { prompt_tokens: 1, completion_tokens: 2 },
        };
      },
    } as unknown as Ai;
    const choice = createLanguageModel(
      values({
        MODEL: "workers-ai/@cf/meta/llama-test",
        AI_GATEWAY_ID: "my-gateway",
        AI_GATEWAY_ACCOUNT_ID: "acct123",
      }),
      ai,
    );
    if (!choice.ok) throw new Error(choice.message);
    const result = await generateText({ model: choice.model, prompt: "hello" });
    expect(result.text).toBe("hi from workers ai");
    expect(runs[0]?.model).toBe("@cf/meta/llama-test");
    expect(runs[0]?.options).toMatchObject({ gateway: { id: "my-gateway" } });
  });
});
