import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type AnthropicCacheOutcome,
  createAnthropicPromptCache,
} from "./anthropic-prompt-cache.ts";
import { createCallRecorder } from "./call-recorder.ts";
import { asRecord, type ControlRoutes, handleControlRequest } from "./control-routes.ts";
import {
  listenOnLoopback,
  type RunningFakeServer,
  readBody,
  sendJson,
} from "./fake-http-server.ts";

/**
 * A fake Cloudflare AI Gateway: `https://gateway.ai.cloudflare.com/v1/{account}/{gateway}/...`
 * becomes `http://127.0.0.1:<port>/v1/{account}/{gateway}/...`. It implements what the Worker
 * depends on, as documented (see docs/decisions.md, "AI Gateway: stored keys and authentication"):
 *
 * - provider endpoints `openai/...`, `anthropic/v1/messages`, `workers-ai/{model}` and
 *   `workers-ai/v1/chat/completions`, and the OpenAI-compatible `compat/chat/completions`
 *   (model `{provider}/{model}`);
 * - an authenticated gateway answers 401 unless `cf-aig-authorization: Bearer <token>` is right;
 * - a provider key sent with the request is the one used; a key stored in the gateway (BYOK, on
 *   authenticated gateways only) is used only when the request sends none;
 * - the provider then checks the key: a wrong or missing one gets the provider's own 401.
 *
 * Chat completions go on to the fake OpenAI server (its scripted replies apply); the Responses,
 * Anthropic Messages and Workers AI run endpoints are answered here in each provider's format.
 * Workers AI reached through the `AI` binding's `gateway` option never comes here: that path is
 * inside the binding, which has no local twin.
 */

export type GatewayProvider = "openai" | "anthropic" | "workers-ai";
const PROVIDERS: readonly GatewayProvider[] = ["openai", "anthropic", "workers-ai"];

export interface FakeGatewayConfig {
  accountId: string;
  gatewayId: string;
  /** Set: an authenticated gateway that requires `cf-aig-authorization: Bearer <token>`. */
  token?: string;
  /** Provider keys stored in the gateway (BYOK); only an authenticated gateway can have them. */
  storedKeys?: Partial<Record<GatewayProvider, string>>;
}

export interface GatewayRequestRecord {
  gateway: string;
  provider: GatewayProvider | "unknown";
  /** The path after `/v1/{account}/{gateway}`. */
  path: string;
  /** What the gateway made of `cf-aig-authorization`. */
  gatewayAuth: "ok" | "missing" | "wrong" | "not-required";
  /** Whose provider key went upstream. */
  keySource: "request" | "stored" | "none";
  /** Whether the provider took that key. */
  keyAccepted: boolean;
  /** Provider credential headers the request carried (names only). */
  credentialHeaders: string[];
  status: number;
  model?: string;
  /** Anthropic requests: where their `cache_control` breakpoints were. */
  cacheBreakpoints?: string[];
}

export interface FakeAIGatewayOptions {
  /** Where chat completions go on to: the fake OpenAI server's base URL (ending in /v1). */
  upstreamOpenAIBaseUrl: string;
  port?: number;
}

export interface FakeAIGateway extends RunningFakeServer {
  /** What to configure as `AI_GATEWAY_BASE_URL`: the origin plus `/v1`. */
  baseUrl: string;
  setGateways(gateways: FakeGatewayConfig[]): void;
  /** The keys each provider accepts. */
  setProviderKeys(keys: Partial<Record<GatewayProvider, string[]>>): void;
  requests(): GatewayRequestRecord[];
  reset(): void;
}

function gatewayError(res: ServerResponse, status: number, code: number, message: string) {
  sendJson(res, status, {
    success: false,
    result: [],
    messages: [],
    error: [{ code, message }],
  });
}

/** Each provider's own 401 for a key it does not know, or none. */
function providerUnauthorized(res: ServerResponse, provider: GatewayProvider, given: boolean) {
  if (provider === "anthropic") {
    sendJson(res, 401, {
      type: "error",
      error: {
        type: "authentication_error",
        message: given ? "invalid x-api-key" : "x-api-key header is required",
      },
    });
  } else if (provider === "workers-ai") {
    sendJson(res, 401, {
      success: false,
      errors: [{ code: 10000, message: "Authentication error" }],
      messages: [],
      result: null,
    });
  } else {
    sendJson(res, 401, {
      error: {
        message: given
          ? "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys."
          : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        type: "invalid_request_error",
        param: null,
        code: given ? "invalid_api_key" : null,
      },
    });
  }
}

function bearer(value: string | string[] | undefined): string | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  if (!header?.startsWith("Bearer ")) return undefined;
  const token = header.slice("Bearer ".length).trim();
  return token || undefined;
}

/** The provider key a request carries, in the header that provider reads. */
function requestKey(req: IncomingMessage, provider: GatewayProvider): string | undefined {
  if (provider === "anthropic") {
    const apiKey = req.headers["x-api-key"];
    const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
    return value?.trim() || bearer(req.headers.authorization);
  }
  return bearer(req.headers.authorization);
}

function parseJson(raw: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw.toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function lastUserText(body: Record<string, unknown>): string {
  const source = Array.isArray(body.messages) ? body.messages : body.input;
  if (!Array.isArray(source)) return typeof body.prompt === "string" ? body.prompt : "";
  const last = [...source].reverse().find((m) => (m as { role?: string })?.role === "user") as
    | { content?: unknown }
    | undefined;
  const content = last?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part as { text?: string }).text ?? "")
      .filter(Boolean)
      .join(" ");
  }
  return "";
}

function openAIResponsesAnswer(model: string, text: string) {
  return {
    id: "resp_gateway",
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: "completed",
    model,
    output: [
      {
        type: "message",
        id: "msg_gateway",
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text, annotations: [] }],
      },
    ],
    usage: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
  };
}

function anthropicAnswer(model: string, text: string, cache?: AnthropicCacheOutcome) {
  return {
    id: "msg_gateway",
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: cache
      ? {
          input_tokens: cache.inputTokens,
          output_tokens: 4,
          cache_creation_input_tokens: cache.cacheWriteTokens,
          cache_read_input_tokens: cache.cacheReadTokens,
        }
      : { input_tokens: 3, output_tokens: 4 },
  };
}

export async function startFakeAIGateway(options: FakeAIGatewayOptions): Promise<FakeAIGateway> {
  let gateways: FakeGatewayConfig[] = [];
  let providerKeys: Partial<Record<GatewayProvider, string[]>> = {};
  const recorder = createCallRecorder<GatewayRequestRecord>();
  const anthropicCache = createAnthropicPromptCache();
  const upstream = options.upstreamOpenAIBaseUrl.replace(/\/$/, "");

  const setGateways = (next: FakeGatewayConfig[]) => {
    for (const gateway of next) {
      if (gateway.storedKeys && Object.keys(gateway.storedKeys).length > 0 && !gateway.token) {
        throw new Error(
          `gateway ${gateway.gatewayId}: stored keys need an authenticated gateway (a token)`,
        );
      }
    }
    gateways = next;
  };

  const forwardChat = async (res: ServerResponse, body: Record<string, unknown>) => {
    const answer = await fetch(`${upstream}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name === "content-type" || name === "cache-control") headers[name] = value;
    });
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  };

  const routes: ControlRoutes = {
    "POST gateways": ({ body }) => {
      const list = asRecord(body, "body").gateways;
      if (!Array.isArray(list)) throw new Error("gateways must be an array");
      setGateways(list as FakeGatewayConfig[]);
      return { body: { ok: true } };
    },
    "POST provider-keys": ({ body }) => {
      providerKeys = asRecord(body, "body") as Partial<Record<GatewayProvider, string[]>>;
      return { body: { ok: true } };
    },
    "GET requests": () => ({ body: { requests: recorder.list() } }),
    "POST reset": () => {
      gateways = [];
      providerKeys = {};
      recorder.clear();
      anthropicCache.reset();
      return { body: { ok: true } };
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (await handleControlRequest(routes, req, res, url)) return;
    const match = /^\/v1\/([^/]+)\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!match) return gatewayError(res, 404, 2001, "Not found");
    const [, accountId, gatewayId, rest = ""] = match;
    const gateway = gateways.find((g) => g.accountId === accountId && g.gatewayId === gatewayId);
    const raw = await readBody(req);
    const body = parseJson(raw);
    const record: GatewayRequestRecord = {
      gateway: `${accountId}/${gatewayId}`,
      provider: "unknown",
      path: `/${rest}`,
      gatewayAuth: "not-required",
      keySource: "none",
      keyAccepted: false,
      credentialHeaders: ["authorization", "x-api-key"].filter((name) => req.headers[name]),
      status: 0,
      model: typeof body.model === "string" ? body.model : undefined,
    };
    const finish = (status: number) => {
      record.status = status;
      recorder.record(record);
    };
    if (!gateway) {
      finish(404);
      return gatewayError(res, 404, 2001, `No gateway ${gatewayId} in account ${accountId}`);
    }
    if (gateway.token !== undefined) {
      const given = bearer(req.headers["cf-aig-authorization"]);
      record.gatewayAuth =
        given === undefined ? "missing" : given === gateway.token ? "ok" : "wrong";
      if (record.gatewayAuth !== "ok") {
        finish(401);
        return gatewayError(res, 401, 2009, "Unauthorized");
      }
    }

    // Which provider, and which upstream call.
    let provider: GatewayProvider;
    let kind: "chat" | "responses" | "messages" | "workers-ai-run";
    let chatBody = body;
    if (rest === "compat/chat/completions") {
      const model = typeof body.model === "string" ? body.model : "";
      const slash = model.indexOf("/");
      const named = model.slice(0, slash) as GatewayProvider;
      if (slash < 1 || !PROVIDERS.includes(named)) {
        finish(400);
        return gatewayError(res, 400, 2008, `compat needs a model "provider/model", got ${model}`);
      }
      provider = named;
      kind = "chat";
      chatBody = { ...body, model: model.slice(slash + 1) };
    } else if (rest.startsWith("openai/")) {
      provider = "openai";
      if (rest === "openai/chat/completions") kind = "chat";
      else if (rest === "openai/responses") kind = "responses";
      else {
        finish(404);
        return gatewayError(res, 404, 2001, `The fake does not serve ${rest}`);
      }
    } else if (rest === "anthropic/v1/messages") {
      provider = "anthropic";
      kind = "messages";
    } else if (rest === "workers-ai/v1/chat/completions") {
      provider = "workers-ai";
      kind = "chat";
    } else if (rest.startsWith("workers-ai/@")) {
      provider = "workers-ai";
      kind = "workers-ai-run";
      record.model = rest.slice("workers-ai/".length);
    } else {
      finish(404);
      return gatewayError(res, 404, 2001, `The fake does not serve ${rest}`);
    }
    record.provider = provider;

    // The request's key wins; the stored one fills in only when none was sent.
    const sent = requestKey(req, provider);
    const stored = gateway.storedKeys?.[provider];
    const key = sent ?? stored;
    record.keySource = sent !== undefined ? "request" : stored !== undefined ? "stored" : "none";
    record.keyAccepted = key !== undefined && (providerKeys[provider] ?? []).includes(key);
    if (!record.keyAccepted) {
      finish(401);
      return providerUnauthorized(res, provider, key !== undefined);
    }
    if (body.stream === true && kind !== "chat") {
      finish(400);
      return gatewayError(res, 400, 2008, "The fake streams chat completions only");
    }

    let cache: AnthropicCacheOutcome | undefined;
    if (kind === "messages") {
      cache = anthropicCache.observe(body);
      record.cacheBreakpoints = cache.breakpoints;
      if (cache.error) {
        finish(400);
        return sendJson(res, 400, {
          type: "error",
          error: { type: "invalid_request_error", message: cache.error },
        });
      }
    }
    const model = record.model ?? "unknown";
    const text = `gateway ${provider}: ${lastUserText(body)}`;
    finish(200);
    switch (kind) {
      case "chat":
        return forwardChat(res, chatBody);
      case "responses":
        return sendJson(res, 200, openAIResponsesAnswer(model, text));
      case "messages":
        return sendJson(res, 200, anthropicAnswer(model, text, cache));
      case "workers-ai-run":
        return sendJson(res, 200, {
          result: { response: text, usage: { prompt_tokens: 3, completion_tokens: 4 } },
          success: true,
          errors: [],
          messages: [],
        });
    }
  };

  const server = await listenOnLoopback(handle, options.port);
  return {
    ...server,
    baseUrl: `${server.url}/v1`,
    setGateways,
    setProviderKeys(keys) {
      providerKeys = keys;
    },
    requests: () => recorder.list(),
    reset() {
      gateways = [];
      providerKeys = {};
      recorder.clear();
      anthropicCache.reset();
    },
  };
}
