import { generateText } from "ai";
import { createLanguageModel } from "../model/create-language-model";
import { modelSpecSchema } from "../model/model-spec";
import { type DoctorCheckDefinition, describeError, failed, ok } from "./doctor-check";
import { describeSettingFix } from "./fix-setting";

/**
 * Whether calls for this provider go through AI Gateway: Workers AI through the binding's
 * gateway option, OpenAI and Anthropic through the gateway URL (both ids needed).
 */
export function describeGatewayRoute(values: {
  MODEL?: string;
  AI_GATEWAY_ID?: string;
  AI_GATEWAY_ACCOUNT_ID?: string;
}): string {
  const provider = modelSpecSchema.safeParse(values.MODEL).data?.provider;
  if (provider === "openai-compatible") return "directly to OPENAI_BASE_URL (no AI Gateway)";
  if (provider === "workers-ai" && values.AI_GATEWAY_ID) {
    return `through AI Gateway "${values.AI_GATEWAY_ID}"`;
  }
  if (values.AI_GATEWAY_ID && values.AI_GATEWAY_ACCOUNT_ID) {
    return `through AI Gateway "${values.AI_GATEWAY_ID}"`;
  }
  return "directly to the provider (no AI Gateway)";
}

/** OpenAI's Responses API refuses `max_output_tokens` below 16; every other provider takes 1. */
const OPENAI_MIN_OUTPUT_TOKENS = 16;

function outputTokenLimit(model: string | undefined): number {
  return modelSpecSchema.safeParse(model).data?.provider === "openai"
    ? OPENAI_MIN_OUTPUT_TOKENS
    : 1;
}

/** A one-token call through the configured provider, saying which way it went. */
export const modelCheck: DoctorCheckDefinition = {
  name: "model",
  timeoutMs: 30_000,
  async run({ env, values, where }) {
    if (Boolean(values.AI_GATEWAY_ID) !== Boolean(values.AI_GATEWAY_ACCOUNT_ID)) {
      const missingId = values.AI_GATEWAY_ID ? "AI_GATEWAY_ACCOUNT_ID" : "AI_GATEWAY_ID";
      return failed(
        "Only one of AI_GATEWAY_ID and AI_GATEWAY_ACCOUNT_ID is set; AI Gateway needs both.",
        describeSettingFix(where, [missingId]),
      );
    }
    const choice = createLanguageModel(values, env.AI);
    if (!choice.ok) return failed(choice.message, describeSettingFix(where, choice.names));
    const route = values.MODEL ? describeGatewayRoute(values) : "inside the Worker";
    try {
      const result = await generateText({
        model: choice.model,
        prompt: "Answer with one word: ok",
        maxOutputTokens: outputTokenLimit(values.MODEL),
        maxRetries: 0,
      });
      const answered = `${choice.label} answered ${route} (${result.usage.outputTokens ?? 0} output token(s)).`;
      if (!values.MODEL) {
        return ok(`${answered} This is the offline dev model: set MODEL for real answers.`);
      }
      return ok(answered);
    } catch (error) {
      return failed(
        `${choice.label} did not answer ${route}: ${describeError(error)}`,
        `Check MODEL and the provider key or gateway settings. ${describeSettingFix(where, ["MODEL"])}`,
      );
    }
  },
};
