import {
  generateText,
  isStepCount,
  type LanguageModel,
  type ModelMessage,
  streamText,
  type ToolApprovalConfiguration,
  type ToolSet,
} from "ai";
import { leanToolSchemas } from "./lean-tool-schemas";
import { type PendingToolApproval, pendingToolApprovals } from "./tool-approvals";

export const DEFAULT_MAX_STEPS = 8;

export interface AgentTurnInput {
  model: LanguageModel;
  system: string;
  /** Earlier messages of the session, already trimmed to the context budget. */
  history: ModelMessage[];
  userText: string;
  /**
   * A turn resumed after a person answered its approval requests: the turn's messages so far
   * (its user message first, the approval responses last), sent instead of `userText`.
   */
  continueFrom?: ModelMessage[];
  tools: ToolSet;
  /** Decides, before each tool call, whether it waits for a person's yes (AI SDK `toolApproval`). */
  toolApproval?: ToolApprovalConfiguration<ToolSet, Record<string, unknown>>;
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
  /** Tool calls waiting for a person's answer; the turn ended here and resumes with them. */
  pendingApprovals: PendingToolApproval[];
}

/** One turn of the agent loop: the model may call tools for several steps before answering. */
export async function runAgentTurn(input: AgentTurnInput): Promise<AgentTurnResult> {
  const turnSoFar: ModelMessage[] = input.continueFrom ?? [
    { role: "user", content: input.userText },
  ];
  const options = {
    model: input.model,
    system: input.system,
    messages: [...input.history, ...turnSoFar],
    tools: leanToolSchemas(input.tools),
    toolApproval: input.toolApproval,
    stopWhen: isStepCount(input.maxSteps ?? DEFAULT_MAX_STEPS),
    abortSignal: input.abortSignal,
    maxRetries: 1,
  };
  if (input.onTextDelta) return streamAgentTurn(options, turnSoFar, input.onTextDelta);
  const result = await generateText(options);
  return turnResult(result.text, [...turnSoFar, ...result.responseMessages], result.totalUsage);
}

function turnResult(
  text: string,
  newMessages: ModelMessage[],
  usage: { inputTokens?: number; outputTokens?: number },
): AgentTurnResult {
  return {
    text,
    newMessages,
    usage: { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 },
    pendingApprovals: pendingToolApprovals(newMessages),
  };
}

async function streamAgentTurn(
  options: Parameters<typeof generateText>[0] & { messages: ModelMessage[] },
  turnSoFar: ModelMessage[],
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
  return turnResult(text, [...turnSoFar, ...responseMessages], usage);
}
