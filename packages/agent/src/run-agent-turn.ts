import {
  generateText,
  isStepCount,
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  streamText,
  type ToolApprovalConfiguration,
  type ToolSet,
  type UserContent,
} from "ai";
import { leanToolSchemas } from "./lean-tool-schemas";
import { assemblePrompt } from "./prompt/prompt-layout";
import { type PendingToolApproval, pendingToolApprovals } from "./tool-approvals";
import { offerTools, type ToolOffer } from "./tools/tool-offer";

export const DEFAULT_MAX_STEPS = 8;

export interface AgentTurnInput {
  model: LanguageModel;
  /** The stable instructions: keep them byte-identical between turns so the prefix caches. */
  system: string;
  /** What changes every turn (time, today's notes): sent before the person's words, not stored. */
  turnContext?: string;
  /** Earlier messages of the session, already trimmed to the context budget. */
  history: ModelMessage[];
  userText: string;
  /**
   * A turn resumed after a person answered its approval requests: the turn's messages so far
   * (its user message first, the approval responses last), sent instead of `userText`.
   */
  continueFrom?: ModelMessage[];
  /**
   * What the person sent when it is more than text (pictures, received files); given, it is
   * what the model gets instead of `userText`, and `historyUserContent` is what is stored.
   */
  userContent?: UserContent;
  historyUserContent?: string;
  tools: ToolSet;
  /** Which of `tools` each request shows the model (all when absent); see `offerTools`. */
  toolOffer?: ToolOffer;
  /** Decides, before each tool call, whether it waits for a person's yes (AI SDK `toolApproval`). */
  toolApproval?: ToolApprovalConfiguration<ToolSet, Record<string, unknown>>;
  abortSignal?: AbortSignal;
  maxSteps?: number;
  /**
   * Given, the turn streams from the model and reports each piece of answer text as it comes
   * (channels that show a draft, like the web chat); the result is the same either way.
   */
  onTextDelta?: (delta: string) => void;
  /**
   * Given, the turn streams too and reports each tool call as the model makes it (its name and
   * parsed input), so a channel can show what the agent is doing; never its output.
   */
  onToolCall?: (name: string, input: unknown) => void;
}

export interface AgentTurnResult {
  text: string;
  /** The user message followed by everything the model and tools added, ready to store. */
  newMessages: ModelMessage[];
  usage: TurnUsage;
  /** Tool calls waiting for a person's answer; the turn ended here and resumes with them. */
  pendingApprovals: PendingToolApproval[];
}

export interface TurnUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens the provider read from its prompt cache (part of `inputTokens`). */
  cachedInputTokens: number;
}

/** One turn of the agent loop: the model may call tools for several steps before answering. */
export async function runAgentTurn(input: AgentTurnInput): Promise<AgentTurnResult> {
  const userMessage: ModelMessage = { role: "user", content: input.userContent ?? input.userText };
  // Image bytes are not stored with the session: the kept message names the file instead.
  const storedUserMessage: ModelMessage =
    input.historyUserContent === undefined
      ? userMessage
      : { role: "user", content: input.historyUserContent };
  // A resumed turn carries its own (stored) user message first; the turn context goes in front.
  const [sentUserMessage, ...resumed] = input.continueFrom ?? [userMessage];
  const turnSoFar: ModelMessage[] = input.continueFrom ?? [storedUserMessage];
  const prompt = assemblePrompt({
    stableSystem: input.system,
    history: input.history,
    userMessage: sentUserMessage as ModelMessage,
    turnContext: input.turnContext,
  });
  const options = {
    model: input.toolOffer ? offerTools(input.model, input.toolOffer) : input.model,
    system: prompt.system,
    messages: [...prompt.messages, ...resumed],
    tools: leanToolSchemas(input.tools),
    toolApproval: input.toolApproval,
    stopWhen: isStepCount(input.maxSteps ?? DEFAULT_MAX_STEPS),
    abortSignal: input.abortSignal,
    maxRetries: 1,
  };
  if (input.onTextDelta || input.onToolCall) {
    return streamAgentTurn(options, turnSoFar, {
      onTextDelta: input.onTextDelta ?? (() => {}),
      onToolCall: input.onToolCall ?? (() => {}),
    });
  }
  const result = await generateText(options);
  return turnResult(result.text, [...turnSoFar, ...result.responseMessages], result.totalUsage);
}

async function streamAgentTurn(
  options: Parameters<typeof generateText>[0] & { messages: ModelMessage[] },
  turnSoFar: ModelMessage[],
  listeners: Required<Pick<AgentTurnInput, "onTextDelta" | "onToolCall">>,
): Promise<AgentTurnResult> {
  // Errors come out of the stream below; the default handler would only log them too.
  const result = streamText({ ...options, onError: () => {} });
  // Reading the full stream ourselves makes a model failure or an abort reject the turn, as
  // generateText would, instead of ending the stream quietly.
  for await (const part of result.fullStream) {
    if (part.type === "text-delta") listeners.onTextDelta(part.text);
    else if (part.type === "tool-call") listeners.onToolCall(part.toolName, part.input);
    else if (part.type === "error") throw part.error;
    else if (part.type === "abort") throw options.abortSignal?.reason ?? new Error("aborted");
  }
  const [text, responseMessages, usage] = await Promise.all([
    result.text,
    result.responseMessages,
    result.totalUsage,
  ]);
  return turnResult(text, [...turnSoFar, ...responseMessages], usage);
}

function turnResult(
  text: string,
  newMessages: ModelMessage[],
  usage: LanguageModelUsage,
): AgentTurnResult {
  return {
    text,
    newMessages,
    usage: {
      inputTokens: usage.inputTokens ?? 0,
      outputTokens: usage.outputTokens ?? 0,
      cachedInputTokens: usage.inputTokenDetails?.cacheReadTokens ?? 0,
    },
    pendingApprovals: pendingToolApprovals(newMessages),
  };
}
