import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createDevModel, DEV_MODEL_ID } from "@molt/agent";
import type { LanguageModel } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import {
  AI_GATEWAY_PAIR,
  AI_GATEWAY_PAIR_MESSAGE,
  type WorkerEnvValues,
} from "../config/worker-config";
import type { FailoverLog } from "./failover-model";
import { modelSpecSchema } from "./model-spec";

export type ModelChoice =
  | {
      ok: true;
      model: LanguageModel;
      label: string;
      /** With fallbacks: which models answered this turn's calls and which failed. */
      failover?: FailoverLog;
    }
  | { ok: false; names: string[]; message: string };

export const DEFAULT_AI_GATEWAY_BASE_URL = "https://gateway.ai.cloudflare.com/v1";

/**
 * Handed to the provider SDK when the key is stored in AI Gateway (it insists on one); the
 * header that would carry it is removed before the request leaves, because the gateway uses a
 * key sent with the request instead of its stored one.
 */
const STORED_KEY_PLACEHOLDER = "stored-in-ai-gateway";
const PROVIDER_KEY_HEADERS = ["authorization", "x-api-key"];

/** `fetch` that sends no provider key header, so the gateway supplies its stored key. */
function withoutProviderKey(fetch: typeof globalThis.fetch | undefined): typeof globalThis.fetch {
  const send = fetch ?? ((input, init) => globalThis.fetch(input, init));
  return (input, init) => {
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init?.headers).forEach((value, name) => {
      headers.set(name, value);
    });
    for (const name of PROVIDER_KEY_HEADERS) headers.delete(name);
    return send(input instanceof Request ? new Request(input, { headers }) : input, {
      ...init,
      headers,
    });
  };
}

/**
 * Builds the configured model; problems are returned, not thrown, so callers can explain them.
 * `fetch` is injectable so tests can see where each provider's requests go.
 */
export function createLanguageModel(
  values: WorkerEnvValues,
  ai: Ai,
  fetch?: typeof globalThis.fetch,
): ModelChoice {
  if (!values.MODEL) return { ok: true, model: createDevModel(), label: DEV_MODEL_ID };
  return createNamedLanguageModel(values.MODEL, values, ai, fetch);
}

/**
 * Builds one `provider/model` with the configured keys and gateway: the default `MODEL`, a
 * person's pick from `MODELS`, or a fallback. `setting` names where the name came from.
 */
export function createNamedLanguageModel(
  name: string,
  values: WorkerEnvValues,
  ai: Ai,
  fetch?: typeof globalThis.fetch,
  setting = "MODEL",
): ModelChoice {
  const spec = modelSpecSchema.safeParse(name);
  if (!spec.success) {
    const message = spec.error.issues.map((issue) => issue.message).join("; ");
    return { ok: false, names: [setting], message: `${setting} "${name}": ${message}` };
  }
  const { provider, modelId } = spec.data;
  const label = name;
  if (Boolean(values.AI_GATEWAY_ID) !== Boolean(values.AI_GATEWAY_ACCOUNT_ID)) {
    return { ok: false, names: [...AI_GATEWAY_PAIR], message: AI_GATEWAY_PAIR_MESSAGE };
  }
  const gateway = gatewayUrl(values);
  const gatewayHeaders: Record<string, string> = values.AI_GATEWAY_TOKEN
    ? { "cf-aig-authorization": `Bearer ${values.AI_GATEWAY_TOKEN}` }
    : {};
  // Without a key of its own, only an authenticated gateway can supply one it stores (BYOK).
  const gatewayStoresKeys = gateway !== undefined && values.AI_GATEWAY_TOKEN !== undefined;

  switch (provider) {
    case "workers-ai": {
      // The binding reaches the gateway itself, already authenticated (no token, no base URL).
      const workersAi = createWorkersAI({
        binding: ai,
        ...(values.AI_GATEWAY_ID ? { gateway: { id: values.AI_GATEWAY_ID } } : {}),
      });
      return { ok: true, model: workersAi(modelId), label };
    }
    case "openai": {
      const apiKey = values.OPENAI_API_KEY;
      if (!apiKey && !gatewayStoresKeys) return missing("OPENAI_API_KEY");
      const openai = createOpenAI({
        apiKey: apiKey ?? STORED_KEY_PLACEHOLDER,
        ...(gateway ? { baseURL: `${gateway}/openai` } : {}),
        headers: gatewayHeaders,
        fetch: apiKey ? fetch : withoutProviderKey(fetch),
      });
      return { ok: true, model: openai(modelId), label };
    }
    case "anthropic": {
      const apiKey = values.ANTHROPIC_API_KEY;
      if (!apiKey && !gatewayStoresKeys) return missing("ANTHROPIC_API_KEY");
      const anthropic = createAnthropic({
        apiKey: apiKey ?? STORED_KEY_PLACEHOLDER,
        ...(gateway ? { baseURL: `${gateway}/anthropic/v1` } : {}),
        headers: gatewayHeaders,
        fetch: apiKey ? fetch : withoutProviderKey(fetch),
      });
      return { ok: true, model: anthropic(modelId), label };
    }
    case "openai-compatible": {
      // Your own endpoint, reached directly: AI Gateway's compat endpoint serves only the
      // providers it knows.
      if (!values.OPENAI_BASE_URL) return missing("OPENAI_BASE_URL");
      const compatible = createOpenAICompatible({
        name: "openai-compatible",
        baseURL: values.OPENAI_BASE_URL,
        ...(values.OPENAI_API_KEY ? { apiKey: values.OPENAI_API_KEY } : {}),
        includeUsage: true,
        fetch,
      });
      return { ok: true, model: compatible.chatModel(modelId), label };
    }
  }
}

/** `{base}/{account}/{gateway}` when both ids are set. */
function gatewayUrl(values: WorkerEnvValues): string | undefined {
  if (!values.AI_GATEWAY_ID || !values.AI_GATEWAY_ACCOUNT_ID) return undefined;
  const base = (values.AI_GATEWAY_BASE_URL ?? DEFAULT_AI_GATEWAY_BASE_URL).replace(/\/+$/, "");
  return `${base}/${values.AI_GATEWAY_ACCOUNT_ID}/${values.AI_GATEWAY_ID}`;
}

function missing(name: string): ModelChoice {
  const store =
    name === "OPENAI_BASE_URL"
      ? ""
      : " (or store the key in an authenticated AI Gateway and set AI_GATEWAY_ID, AI_GATEWAY_ACCOUNT_ID and AI_GATEWAY_TOKEN)";
  return {
    ok: false,
    names: [name],
    message: `The model needs ${name}${store}.`,
  };
}
