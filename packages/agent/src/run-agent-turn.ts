import { generateText, isStepCount, type LanguageModel, type ModelMessage, type ToolSet } from "ai";
import { leanToolSchemas } from "./lean-tool-schemas";

export const DEFAULT_MAX_STEPS = 8;

export interface AgentTurnInput {
  model: LanguageModel;
  system: string;
  /** Earlier messages of the session, already trimmed to the context budget. */
  history: ModelMessage[];
  userText: string;
  tools: ToolSet;
  abortSignal?: AbortSignal;
  maxSteps?: number;
}

export interface AgentTurnResult {
  text: string;
  /** The user message followed by everything the model and tools added, ready to store. */
  newMessages: ModelMessage[];
  usage: { inputTokens: number; outputTokens: number };
}

/** One turn of the agent loop: the model may call tools for several steps before answering. */
export async function runAgentTurn(input: AgentTurnInput): Promise<AgentTurnResult> {
  const userMessage: ModelMessage = { role: "user", content: input.userText };
  const result = await generateText({
    model: input.model,
    system: input.system,
    messages: [...input.history, userMessage],
    tools: leanToolSchemas(input.tools),
    stopWhen: isStepCount(input.maxSteps ?? DEFAULT_MAX_STEPS),
    abortSignal: input.abortSignal,
    maxRetries: 1,
  });
  return {
    text: result.text,
    newMessages: [userMessage, ...result.responseMessages],
    usage: {
      inputTokens: result.totalUsage.inputTokens ?? 0,
      outputTokens: result.totalUsage.outputTokens ?? 0,
    },
  };
}
