import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeAIGateway, startFakeAIGateway } from "../fakes/fake-ai-gateway.ts";
import { type FakeOpenAI, startFakeOpenAI } from "../fakes/fake-openai.ts";
import { postJson } from "./fake-test-helpers.ts";

describe("fake AI Gateway", () => {
  let openai: FakeOpenAI;
  let gateway: FakeAIGateway;
  const chat = { model: "gpt-test", messages: [{ role: "user", content: "hello gateway" }] };

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    gateway = await startFakeAIGateway({ upstreamOpenAIBaseUrl: openai.baseUrl });
  });
  afterAll(async () => {
    await gateway.close();
    await openai.close();
  });
  beforeEach(() => {
    openai.reset();
    gateway.reset();
    gateway.setGateways([
      { accountId: "acct", gatewayId: "open" },
      {
        accountId: "acct",
        gatewayId: "auth",
        token: "gw-token",
        storedKeys: { openai: "sk-stored", anthropic: "ant-stored", "workers-ai": "cf-stored" },
      },
    ]);
    gateway.setProviderKeys({
      openai: ["sk-stored", "sk-request"],
      anthropic: ["ant-stored", "ant-request"],
      "workers-ai": ["cf-stored", "cf-request"],
    });
  });

  const url = (gatewayId: string, rest: string) => `${gateway.baseUrl}/acct/${gatewayId}/${rest}`;
  const aig = { "cf-aig-authorization": "Bearer gw-token" };

  it("forwards OpenAI chat completions with the request's key through an open gateway", async () => {
    const answer = await postJson(url("open", "openai/chat/completions"), chat, {
      authorization: "Bearer sk-request",
    });
    expect(answer.status).toBe(200);
    expect(answer.json.choices[0].message.content).toBe("echo: hello gateway");
    expect(gateway.requests()[0]).toMatchObject({
      provider: "openai",
      gatewayAuth: "not-required",
      keySource: "request",
      keyAccepted: true,
    });
  });

  it("refuses an authenticated gateway's requests without the right cf-aig-authorization", async () => {
    const missing = await postJson(url("auth", "openai/chat/completions"), chat);
    const wrong = await postJson(url("auth", "openai/chat/completions"), chat, {
      "cf-aig-authorization": "Bearer nope",
    });
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(gateway.requests().map((request) => request.gatewayAuth)).toEqual(["missing", "wrong"]);
    expect(openai.requests()).toHaveLength(0);
  });

  it("uses the stored key only when the request sends none; a sent key wins, even a wrong one", async () => {
    const stored = await postJson(url("auth", "openai/responses"), { ...chat, input: [] }, aig);
    const sent = await postJson(url("auth", "openai/chat/completions"), chat, {
      ...aig,
      authorization: "Bearer sk-request",
    });
    const placeholder = await postJson(url("auth", "openai/chat/completions"), chat, {
      ...aig,
      authorization: "Bearer stored-in-gateway",
    });
    expect([stored.status, sent.status, placeholder.status]).toEqual([200, 200, 401]);
    expect(placeholder.json.error.code).toBe("invalid_api_key");
    expect(gateway.requests().map((request) => request.keySource)).toEqual([
      "stored",
      "request",
      "request",
    ]);
  });

  it("answers Anthropic Messages, reading x-api-key, in Anthropic's format", async () => {
    const body = {
      model: "claude-test",
      max_tokens: 16,
      messages: [{ role: "user", content: "hi" }],
    };
    const stored = await postJson(url("auth", "anthropic/v1/messages"), body, aig);
    expect(stored.status).toBe(200);
    expect(stored.json).toMatchObject({ type: "message", content: [{ type: "text" }] });
    const wrong = await postJson(url("auth", "anthropic/v1/messages"), body, {
      ...aig,
      "x-api-key": "stored-in-gateway",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ type: "error", error: { type: "authentication_error" } });
  });

  it("caches Anthropic prompts up to their breakpoints, and refuses a fifth breakpoint", async () => {
    const marked = (text: string) => ({
      type: "text",
      text,
      cache_control: { type: "ephemeral" },
    });
    const body = (question: string) => ({
      model: "claude-test",
      max_tokens: 16,
      system: [marked("stable instructions ".repeat(400))],
      messages: [{ role: "user", content: question }],
    });
    const first = await postJson(url("auth", "anthropic/v1/messages"), body("one"), aig);
    expect(first.json.usage).toMatchObject({ cache_read_input_tokens: 0 });
    expect(first.json.usage.cache_creation_input_tokens).toBeGreaterThan(1900);
    const second = await postJson(url("auth", "anthropic/v1/messages"), body("two"), aig);
    expect(second.json.usage.cache_read_input_tokens).toBeGreaterThan(1900);
    expect(second.json.usage.input_tokens).toBeLessThan(50);

    const five = {
      ...body("three"),
      messages: [{ role: "user", content: [1, 2, 3, 4].map((n) => marked(`part ${n}`)) }],
    };
    const refused = await postJson(url("auth", "anthropic/v1/messages"), five, aig);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: expect.stringContaining("Found 5") },
    });
  });

  it("serves Workers AI by model id and through its OpenAI-compatible path", async () => {
    const run = await postJson(
      url("auth", "workers-ai/@cf/meta/llama-3.1-8b-instruct"),
      { prompt: "hi" },
      aig,
    );
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({
      success: true,
      result: { response: "gateway workers-ai: hi" },
    });
    const compatible = await postJson(
      url("open", "workers-ai/v1/chat/completions"),
      { ...chat, model: "@cf/meta/llama-3.1-8b-instruct" },
      { authorization: "Bearer cf-request" },
    );
    expect(compatible.status).toBe(200);
    expect(gateway.requests()[0]?.model).toBe("@cf/meta/llama-3.1-8b-instruct");
  });

  it("routes the OpenAI-compatible compat endpoint by the model's provider prefix", async () => {
    const answer = await postJson(
      url("auth", "compat/chat/completions"),
      { ...chat, model: "openai/gpt-test" },
      aig,
    );
    expect(answer.status).toBe(200);
    expect(openai.requests()[0]?.body.model).toBe("gpt-test");
    expect(gateway.requests()[0]).toMatchObject({ provider: "openai", keySource: "stored" });
    const unknown = await postJson(url("auth", "compat/chat/completions"), chat, aig);
    expect(unknown.status).toBe(400);
  });

  it("answers 404 for a gateway it does not know", async () => {
    const answer = await postJson(url("nowhere", "openai/chat/completions"), chat);
    expect(answer.status).toBe(404);
  });

  it("refuses stored keys on an unauthenticated gateway, as the dashboard does", () => {
    expect(() =>
      gateway.setGateways([{ accountId: "a", gatewayId: "g", storedKeys: { openai: "k" } }]),
    ).toThrow(/authenticated/);
  });
});
