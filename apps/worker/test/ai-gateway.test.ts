import { runAgentTurn } from "@molt/agent";
import { generateText } from "ai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { readWorkerConfig, workerEnvSchema } from "../src/config/worker-config";
import { createLanguageModel } from "../src/model/create-language-model";

/**
 * Model calls through the fake AI Gateway (tests/fakes/fake-ai-gateway.ts) over real HTTP: the
 * gateway's key precedence and authentication decide what works, as on a real account.
 */

const gatewayBase = inject("aiGateway").baseUrl;
const gatewayOrigin = new URL(gatewayBase).origin;
const GATEWAY_TOKEN = "gw-token";

async function control(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${gatewayOrigin}/__control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`gateway control ${path}: HTTP ${response.status}`);
  return response.json();
}

interface GatewayRecord {
  provider: string;
  cacheBreakpoints?: string[];
  path: string;
  gatewayAuth: string;
  keySource: string;
  keyAccepted: boolean;
  credentialHeaders: string[];
  status: number;
}

async function gatewayRequests(): Promise<GatewayRecord[]> {
  return ((await control("requests", undefined)) as { requests: GatewayRecord[] }).requests;
}

/** Fails loudly instead of letting a misrouted call leave 127.0.0.1. */
const loopbackOnly: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith(gatewayOrigin)) throw new Error(`a model call left the fakes: ${url}`);
  return fetch(input, init);
};

function settings(extra: Record<string, string>) {
  return {
    AI_GATEWAY_ACCOUNT_ID: "acct",
    AI_GATEWAY_ID: "byok",
    AI_GATEWAY_TOKEN: GATEWAY_TOKEN,
    AI_GATEWAY_BASE_URL: gatewayBase,
    ...extra,
  };
}

async function ask(values: Record<string, string>) {
  const choice = createLanguageModel(workerEnvSchema.parse(values), {} as Ai, loopbackOnly);
  if (!choice.ok) throw new Error(choice.message);
  return generateText({ model: choice.model, prompt: "hello", maxRetries: 0 });
}

beforeEach(async () => {
  await control("reset", {});
  await control("gateways", {
    gateways: [
      { accountId: "acct", gatewayId: "open" },
      {
        accountId: "acct",
        gatewayId: "byok",
        token: GATEWAY_TOKEN,
        storedKeys: { openai: "sk-stored", anthropic: "ant-stored" },
      },
    ],
  });
  await control("provider-keys", {
    openai: ["sk-stored", "sk-own"],
    anthropic: ["ant-stored", "ant-own"],
  });
});

describe("AI Gateway", () => {
  it("lets an authenticated gateway use its stored OpenAI key: no provider key is sent", async () => {
    const result = await ask(settings({ MODEL: "openai/gpt-test" }));
    expect(result.text).toBe("gateway openai: hello");
    const [request] = await gatewayRequests();
    expect(request).toMatchObject({
      provider: "openai",
      path: "/openai/responses",
      gatewayAuth: "ok",
      keySource: "stored",
      credentialHeaders: [],
    });
  });

  it("lets an authenticated gateway use its stored Anthropic key: no x-api-key is sent", async () => {
    const result = await ask(settings({ MODEL: "anthropic/claude-test" }));
    expect(result.text).toBe("gateway anthropic: hello");
    const [request] = await gatewayRequests();
    expect(request).toMatchObject({
      provider: "anthropic",
      path: "/anthropic/v1/messages",
      keySource: "stored",
      credentialHeaders: [],
    });
  });

  it("marks Anthropic cache breakpoints after the stable system text and the history, and reads the cache on the next turn", async () => {
    const choice = createLanguageModel(
      workerEnvSchema.parse(settings({ MODEL: "anthropic/claude-test" })),
      {} as Ai,
      loopbackOnly,
    );
    if (!choice.ok) throw new Error(choice.message);
    const turn = (history: Awaited<ReturnType<typeof runAgentTurn>>["newMessages"], text: string) =>
      runAgentTurn({
        model: choice.model,
        // Long enough to be cached (over 1,024 tokens), identical on every turn.
        system: "stable instructions ".repeat(400),
        turnContext: "<turn_context>\nCurrent time: now\n</turn_context>",
        history,
        userText: text,
        tools: {},
      });
    const first = await turn([], "first");
    const second = await turn(first.newMessages, "second");
    const [one, two] = await gatewayRequests();
    expect(one?.cacheBreakpoints).toEqual(["system[0]"]);
    // The system text and the last message of the history; never the new, per-turn message.
    expect(two?.cacheBreakpoints).toEqual(["system[0]", "messages[1].content[0]"]);
    expect(first.usage.cachedInputTokens).toBe(0);
    expect(second.usage.cachedInputTokens).toBeGreaterThan(1_900);
  });

  it("sends a configured provider key, which the gateway uses instead of its stored one", async () => {
    await ask(settings({ MODEL: "openai/gpt-test", OPENAI_API_KEY: "sk-own" }));
    await ask(settings({ MODEL: "anthropic/claude-test", ANTHROPIC_API_KEY: "ant-own" }));
    const requests = await gatewayRequests();
    expect(requests.map((request) => request.keySource)).toEqual(["request", "request"]);
    expect(requests.every((request) => request.keyAccepted)).toBe(true);
  });

  it("reaches an open gateway with the provider key and no gateway token", async () => {
    const result = await ask({
      MODEL: "openai/gpt-test",
      OPENAI_API_KEY: "sk-own",
      AI_GATEWAY_ACCOUNT_ID: "acct",
      AI_GATEWAY_ID: "open",
      AI_GATEWAY_BASE_URL: gatewayBase,
    });
    expect(result.text).toBe("gateway openai: hello");
    expect((await gatewayRequests())[0]).toMatchObject({ gatewayAuth: "not-required" });
  });

  it("fails with the gateway's 401 when the gateway token is wrong", async () => {
    await expect(
      ask(settings({ MODEL: "openai/gpt-test", AI_GATEWAY_TOKEN: "not-the-token" })),
    ).rejects.toMatchObject({ statusCode: 401 });
    expect((await gatewayRequests())[0]).toMatchObject({ gatewayAuth: "wrong", status: 401 });
  });

  it("refuses a gateway id without its account id (and the reverse), naming both", () => {
    for (const half of [{ AI_GATEWAY_ID: "byok" }, { AI_GATEWAY_ACCOUNT_ID: "acct" }] as Record<
      string,
      string
    >[]) {
      const values = { MODEL: "openai/gpt-test", OPENAI_API_KEY: "sk-own", ...half };
      const choice = createLanguageModel(workerEnvSchema.parse(values), {} as Ai, loopbackOnly);
      expect(choice).toMatchObject({
        ok: false,
        names: ["AI_GATEWAY_ID", "AI_GATEWAY_ACCOUNT_ID"],
      });
      const problems = readWorkerConfig(values).problems.map((problem) => problem.name);
      expect(problems).toEqual(expect.arrayContaining(["AI_GATEWAY_ID", "AI_GATEWAY_ACCOUNT_ID"]));
    }
  });

  it("needs a provider key unless an authenticated gateway can supply its stored one", () => {
    const withoutToken = createLanguageModel(
      workerEnvSchema.parse({
        MODEL: "anthropic/claude-test",
        AI_GATEWAY_ACCOUNT_ID: "acct",
        AI_GATEWAY_ID: "open",
        AI_GATEWAY_BASE_URL: gatewayBase,
      }),
      {} as Ai,
      loopbackOnly,
    );
    expect(withoutToken).toMatchObject({ ok: false, names: ["ANTHROPIC_API_KEY"] });
    const withoutGateway = createLanguageModel(
      workerEnvSchema.parse({ MODEL: "openai/gpt-test", AI_GATEWAY_TOKEN: GATEWAY_TOKEN }),
      {} as Ai,
      loopbackOnly,
    );
    expect(withoutGateway).toMatchObject({ ok: false, names: ["OPENAI_API_KEY"] });
  });
});
