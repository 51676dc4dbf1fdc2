import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import {
  DEV_MODEL_EXAMPLES,
  type DevToolCall,
  readDevIntent,
  readLocalNow,
} from "./dev-model-intents";
import { describeMediaForDevModel } from "./dev-model-media";
import { estimateTokens } from "./estimate-tokens";
import { TURN_CONTEXT_TAG } from "./prompt/prompt-layout";

export const DEV_MODEL_ID = "dev/offline";

const MAX_RESULT_CHARS = 1_500;

type DevAnswer = { text: string } | { call: DevToolCall };

/**
 * An offline model for trying the whole path without any provider. It says plainly that it is
 * the dev model, echoes ordinary messages, and turns a few recognizable requests ("remember …",
 * "remind me in 2 minutes …", "run …", "open …") into the real tool calls, then reports what the
 * tool answered.
 */
export function createDevModel(): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: "dev",
    modelId: "offline",
    supportedUrls: {},
    async doGenerate(options) {
      const answer = composeDevAnswer(options);
      return {
        content: [toContent(answer, options)],
        finishReason: finishReasonOf(answer),
        usage: devUsage(options, answer),
        warnings: [],
      };
    },
    async doStream(options) {
      const answer = composeDevAnswer(options);
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          if ("text" in answer) {
            controller.enqueue({ type: "text-start", id: "t0" });
            for (const delta of answer.text.split(/(?<=\s)/)) {
              controller.enqueue({ type: "text-delta", id: "t0", delta });
            }
            controller.enqueue({ type: "text-end", id: "t0" });
          } else {
            controller.enqueue(toContent(answer, options) as LanguageModelV4StreamPart);
          }
          controller.enqueue({
            type: "finish",
            usage: devUsage(options, answer),
            finishReason: finishReasonOf(answer),
          });
          controller.close();
        },
      });
      return { stream };
    },
  };
}

function composeDevAnswer(options: LanguageModelV4CallOptions): DevAnswer {
  const { prompt } = options;
  const last = prompt.at(-1);
  // After use_tools alone, the request goes on with the tools it turned on.
  const askedForTools = last?.role === "tool" && onlyUseToolsResults(last.content);
  if (last?.role === "tool" && !askedForTools) return { text: describeToolResults(last.content) };
  const lastUser = [...prompt].reverse().find((message) => message.role === "user");
  const media = lastUser ? describeMediaForDevModel(lastUser.content) : undefined;
  if (media) return { text: media };
  const texts = (lastUser?.content ?? []).map((part) => (part.type === "text" ? part.text : ""));
  // The turn context (time, notes) comes before the person's words: context, not what they said.
  const isContext = (text: string) => text.startsWith(`<${TURN_CONTEXT_TAG}>`);
  const said = texts
    .filter((text) => !isContext(text))
    .join(" ")
    .trim();
  const system = [
    ...prompt.filter((message) => message.role === "system").map((message) => message.content),
    ...texts.filter(isContext),
  ].join("\n");
  const intent = readDevIntent(said, readLocalNow(system));
  if (intent.kind === "help") return { text: helpText() };
  if (intent.kind === "tool") {
    const offered = new Set((options.tools ?? []).map((tool) => tool.name));
    if (offered.has(intent.call.toolName)) return { call: withoutToolset(intent.call) };
    // Like a real model: ask for the tool's toolset once before settling for less.
    if (intent.call.toolset && offered.has(USE_TOOLS) && !askedForTools) {
      return { call: { toolName: USE_TOOLS, input: { toolsets: [intent.call.toolset] } } };
    }
    if (intent.fallback && offered.has(intent.fallback.toolName))
      return { call: withoutToolset(intent.fallback) };
    return {
      text: `I'm the offline **dev model**. I would call the ${intent.call.toolName} tool for that, but it is not available in this chat.`,
    };
  }
  const turns = prompt.filter((message) => message.role === "user").length;
  return {
    text: [
      "I'm the offline **dev model**: no real model is configured, so I echo, and I understand a few requests that use my tools.",
      said ? `You said: “${said}”` : "Your message had no text.",
      `(This conversation has ${turns} message${turns === 1 ? "" : "s"} from you so far.)`,
      `Try: ${DEV_MODEL_EXAMPLES.map((example) => `“${example}”`).join(", ")}.`,
      "Set MODEL and a provider key to talk to a real model.",
    ].join("\n\n"),
  };
}

const USE_TOOLS = "use_tools";

function onlyUseToolsResults(content: ToolMessageContent): boolean {
  const results = content.filter((part) => part.type === "tool-result");
  return results.length > 0 && results.every((part) => part.toolName === USE_TOOLS);
}

function withoutToolset({ toolName, input }: DevToolCall): DevToolCall {
  return { toolName, input };
}

function helpText(): string {
  return [
    "I'm the offline **dev model**. These requests become real tool calls:",
    ...DEV_MODEL_EXAMPLES.map((example) => `- ${example}`),
  ].join("\n");
}

type ToolMessageContent = Extract<
  LanguageModelV4CallOptions["prompt"][number],
  { role: "tool" }
>["content"];

function describeToolResults(content: ToolMessageContent): string {
  const parts = content.flatMap((part) =>
    part.type === "tool-result"
      ? [`The **${part.toolName}** tool answered:\n\n${fence(outputText(part.output))}`]
      : [],
  );
  return ["(Offline dev model.)", ...parts].join("\n\n");
}

function outputText(output: { type: string; value?: unknown }): string {
  const value = output.value;
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}\n…` : text;
}

function fence(text: string): string {
  return `\`\`\`\n${text.replace(/```/g, "'''")}\n\`\`\``;
}

function toContent(answer: DevAnswer, options: LanguageModelV4CallOptions): LanguageModelV4Content {
  if ("text" in answer) return { type: "text", text: answer.text };
  return {
    type: "tool-call",
    toolCallId: `dev-call-${options.prompt.length}`,
    toolName: answer.call.toolName,
    input: JSON.stringify(answer.call.input),
  };
}

function finishReasonOf(answer: DevAnswer): LanguageModelV4FinishReason {
  return "text" in answer
    ? { unified: "stop", raw: "stop" }
    : { unified: "tool-calls", raw: "tool_calls" };
}

function devUsage(options: LanguageModelV4CallOptions, answer: DevAnswer): LanguageModelV4Usage {
  const input = estimateTokens(JSON.stringify(options.prompt));
  const output = estimateTokens("text" in answer ? answer.text : JSON.stringify(answer.call));
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}
