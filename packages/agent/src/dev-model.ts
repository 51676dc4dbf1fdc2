import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { estimateTokens } from "./estimate-tokens";

export const DEV_MODEL_ID = "dev/offline";

/**
 * An offline model for trying the whole path without any provider: it answers every message
 * deterministically and says plainly that it is the dev model, so nobody mistakes it for a real one.
 */
export function createDevModel(): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: "dev",
    modelId: "offline",
    supportedUrls: {},
    async doGenerate(options) {
      const text = composeDevReply(options.prompt);
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: devUsage(options, text),
        warnings: [],
      } satisfies LanguageModelV4GenerateResult;
    },
    async doStream(options) {
      const text = composeDevReply(options.prompt);
      const words = text.split(/(?<=\s)/);
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          controller.enqueue({ type: "text-start", id: "t0" });
          for (const delta of words) controller.enqueue({ type: "text-delta", id: "t0", delta });
          controller.enqueue({ type: "text-end", id: "t0" });
          controller.enqueue({
            type: "finish",
            usage: devUsage(options, text),
            finishReason: { unified: "stop", raw: "stop" },
          });
          controller.close();
        },
      });
      return { stream };
    },
  };
}

function composeDevReply(prompt: LanguageModelV4Prompt): string {
  const lastUser = [...prompt].reverse().find((message) => message.role === "user");
  const said =
    lastUser?.content
      .map((part) => (part.type === "text" ? part.text : ""))
      .join(" ")
      .trim() ?? "";
  const turns = prompt.filter((message) => message.role === "user").length;
  return [
    "I'm the offline **dev model**: no real model is configured, so I can only echo.",
    said ? `You said: “${said}”` : "Your message had no text.",
    `(This conversation has ${turns} message${turns === 1 ? "" : "s"} from you so far.)`,
    "Set `MODEL` and a provider key to talk to a real model.",
  ].join("\n\n");
}

function devUsage(options: LanguageModelV4CallOptions, text: string): LanguageModelV4Usage {
  const input = estimateTokens(JSON.stringify(options.prompt));
  const output = estimateTokens(text);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}
