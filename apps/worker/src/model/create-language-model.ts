import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createDevModel, DEV_MODEL_ID } from "@molt/agent";
import type { LanguageModel } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import type { WorkerEnvValues } from "../config/worker-config";
import { modelSpecSchema } from "./model-spec";

export type ModelChoice =
  | { ok: true; model: LanguageModel; label: string }
  | { ok: false; names: string[]; message: string };

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
  const spec = modelSpecSchema.safeParse(values.MODEL);
  if (!spec.success) {
    const message = spec.error.issues.map((issue) => issue.message).join("; ");
    return { ok: false, names: ["MODEL"], message: `MODEL "${values.MODEL}": ${message}` };
  }
  const { provider, modelId } = spec.data;
  const label = values.MODEL;
  const gateway = gatewayUrl(values);
  const gatewayHeaders: Record<string, string> = values.AI_GATEWAY_TOKEN
    ? { "cf-aig-authorization": `Bearer ${values.AI_GATEWAY_TOKEN}` }
    : {};

  switch (provider) {
    case "workers-ai": {
      const workersAi = createWorkersAI({
        binding: ai,
        ...(values.AI_GATEWAY_ID ? { gateway: { id: values.AI_GATEWAY_ID } } : {}),
      });
      return { ok: true, model: workersAi(modelId), label };
    }
    case "openai": {
      // With an authenticated gateway that stores the provider key, no key is needed here.
      if (!values.OPENAI_API_KEY && !values.AI_GATEWAY_TOKEN) return missing("OPENAI_API_KEY");
      const openai = createOpenAI({
        apiKey: values.OPENAI_API_KEY ?? "stored-in-gateway",
        ...(gateway ? { baseURL: `${gateway}/openai` } : {}),
        headers: gatewayHeaders,
        fetch,
      });
      return { ok: true, model: openai(modelId), label };
    }
    case "anthropic": {
      if (!values.ANTHROPIC_API_KEY && !values.AI_GATEWAY_TOKEN)
        return missing("ANTHROPIC_API_KEY");
      const anthropic = createAnthropic({
        apiKey: values.ANTHROPIC_API_KEY ?? "stored-in-gateway",
        ...(gateway ? { baseURL: `${gateway}/anthropic/v1` } : {}),
        headers: gatewayHeaders,
        fetch,
      });
      return { ok: true, model: anthropic(modelId), label };
    }
    case "openai-compatible": {
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

function gatewayUrl(values: WorkerEnvValues): string | undefined {
  if (!values.AI_GATEWAY_ID || !values.AI_GATEWAY_ACCOUNT_ID) return undefined;
  return `https://gateway.ai.cloudflare.com/v1/${values.AI_GATEWAY_ACCOUNT_ID}/${values.AI_GATEWAY_ID}`;
}

function missing(name: string): ModelChoice {
  return {
    ok: false,
    names: [name],
    message: `The model needs ${name}.`,
  };
}
