import {
  generateText,
  isStepCount,
  type LanguageModel,
  type ModelMessage,
  streamText,
  type ToolSet,
  type UserContent,
} from "ai";
import { leanToolSchemas } from "./lean-tool-schemas";

export const DEFAULT_MAX_STEPS = 8;

export interface AgentTurnInput {
  model: LanguageModel;
  system: string;
  /** Earlier messages of the session, already trimmed to the context budget. */
  history: ModelMessage[];
  userText: string;
  /**
   * What the person sent when it is more than text (pictures, received files); given, it is
   * what the model gets instead of `userText`, and `historyUserContent` is what is stored.
   */
  userContent?: UserContent;
  historyUserContent?: string;
  tools: ToolSet;
  abortSignal?: AbortSignal;
  maxSteps?: number;
  /**
   * Given, the turn streams from the model and reports each piece of answer text as it comes
   * (channels that show a draft, like the web chat); the result is the same either way.
   */
  onTextDelta?: (delta: string) => void;
}

export interface AgentTurnResult {
  text: string;
  /** The user message followed by everything the model and tools added, ready to store. */
  newMessages: ModelMessage[];
  usage: { inputTokens: number; outputTokens: number };
}

/** One turn of the agent loop: the model may call tools for several steps before answering. */
export async function runAgentTurn(input: AgentTurnInput): Promise<AgentTurnResult> {
  const userMessage: ModelMessage = { role: "user", content: input.userContent ?? input.userText };
  // Image bytes are not stored with the session: the kept message names the file instead.
  const storedUserMessage: ModelMessage =
    input.historyUserContent === undefined
      ? userMessage
      : { role: "user", content: input.historyUserContent };
  const options = {
    model: input.model,
    system: input.system,
    messages: [...input.history, userMessage],
    tools: leanToolSchemas(input.tools),
    stopWhen: isStepCount(input.maxSteps ?? DEFAULT_MAX_STEPS),
    abortSignal: input.abortSignal,
    maxRetries: 1,
  };
  if (input.onTextDelta) return streamAgentTurn(options, storedUserMessage, input.onTextDelta);
  const result = await generateText(options);
  return {
    text: result.text,
    newMessages: [storedUserMessage, ...result.responseMessages],
    usage: {
      inputTokens: result.totalUsage.inputTokens ?? 0,
      outputTokens: result.totalUsage.outputTokens ?? 0,
    },
  };
}

async function streamAgentTurn(
  options: Parameters<typeof generateText>[0] & { messages: ModelMessage[] },
  userMessage: ModelMessage,
  onTextDelta: (delta: string) => void,
): Promise<AgentTurnResult> {
  // Errors come out of the stream below; the default handler would only log them too.
  const result = streamText({ ...options, onError: () => {} });
  // Reading the full stream ourselves makes a model failure or an abort reject the turn, as
  // generateText would, instead of ending the stream quietly.
  for await (const part of result.fullStream) {
    if (part.type === "text-delta") onTextDelta(part.text);
    else if (part.type === "error") throw part.error;
    else if (part.type === "abort") throw options.abortSignal?.reason ?? new Error("aborted");
  }
  const [text, responseMessages, usage] = await Promise.all([
    result.text,
    result.responseMessages,
    result.totalUsage,
  ]);
  return {
    text,
    newMessages: [userMessage, ...responseMessages],
    usage: { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 },
  };
}
