import { generateText, type LanguageModel, type ModelMessage } from "ai";
import { estimateTokens } from "../estimate-tokens";

/** A session is compacted once its history passes this share of the history budget. */
export const COMPACT_AT_RATIO = 0.8;
/** After compaction the newest messages up to this share of the budget stay verbatim. */
export const KEEP_AFTER_COMPACT_RATIO = 0.25;
const NOTE_LINE_MAX_CHARS = 300;
const TRANSCRIPT_MAX_CHARS = 24_000;

export interface CompactionPlan {
  older: ModelMessage[];
  recent: ModelMessage[];
}

export function historyTokens(messages: readonly ModelMessage[]): number {
  return messages.reduce(
    (sum, message) => sum + estimateTokens(JSON.stringify(message.content)),
    0,
  );
}

export function needsCompaction(messages: readonly ModelMessage[], budgetTokens: number): boolean {
  return historyTokens(messages) > budgetTokens * COMPACT_AT_RATIO;
}

/**
 * Splits history into what gets summarized and what stays verbatim: the newest messages within
 * `keepTokens`, starting at a person's message so no tool result loses its call.
 */
export function planCompaction(
  messages: readonly ModelMessage[],
  keepTokens: number,
): CompactionPlan {
  let used = 0;
  let start = messages.length;
  for (let index = messages.length - 1; index >= 0; index--) {
    const cost = estimateTokens(JSON.stringify(messages[index]?.content ?? ""));
    if (used + cost > keepTokens) break;
    used += cost;
    start = index;
  }
  while (start < messages.length && messages[start]?.role !== "user") start++;
  return { older: messages.slice(0, start), recent: messages.slice(start) };
}

export function messageText(message: ModelMessage): string {
  if (typeof message.content === "string") return message.content;
  return message.content
    .map((part) => {
      if (part.type === "text") return part.text;
      if (part.type === "tool-call") return `[called ${part.toolName}]`;
      return "";
    })
    .filter(Boolean)
    .join(" ");
}

/**
 * What is saved to today's note before older turns are summarized, independent of the model:
 * every message the person wrote, one line each.
 */
export function extractNoteLines(older: readonly ModelMessage[]): string[] {
  return older
    .filter((message) => message.role === "user")
    .map((message) => messageText(message).replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map(
      (text) =>
        `- said: ${text.length > NOTE_LINE_MAX_CHARS ? `${text.slice(0, NOTE_LINE_MAX_CHARS)}…` : text}`,
    );
}

export function renderTranscript(messages: readonly ModelMessage[]): string {
  const text = messages
    .filter((message) => message.role === "user" || message.role === "assistant")
    .map(
      (message) => `${message.role === "user" ? "Person" : "Assistant"}: ${messageText(message)}`,
    )
    .join("\n");
  return text.length > TRANSCRIPT_MAX_CHARS ? text.slice(-TRANSCRIPT_MAX_CHARS) : text;
}

/** A summary written without the model, used when the model cannot be reached. */
export function summarizeWithoutModel(older: readonly ModelMessage[]): string {
  return ["Earlier in this session the person said:", ...extractNoteLines(older)].join("\n");
}

export interface TurnSummary {
  text: string;
  /** Tokens the summary cost, so they count against the day's budget like any turn. */
  usage: { inputTokens: number; outputTokens: number };
}

/** Older turns summarized by the model; falls back to the plain summary when it fails. */
export async function summarizeTurns(
  model: LanguageModel,
  older: readonly ModelMessage[],
  previousSummary: string | null,
): Promise<TurnSummary> {
  const none = { inputTokens: 0, outputTokens: 0 };
  const transcript = renderTranscript(older);
  try {
    const result = await generateText({
      model,
      system:
        "Summarize this conversation for your own later reference: facts about the person, decisions, open tasks. Bullet points, under 200 words.",
      prompt: `${previousSummary ? `Earlier summary:\n${previousSummary}\n\n` : ""}Conversation:\n${transcript}`,
      maxRetries: 1,
    });
    const usage = {
      inputTokens: result.totalUsage.inputTokens ?? 0,
      outputTokens: result.totalUsage.outputTokens ?? 0,
    };
    return { text: result.text.trim() || summarizeWithoutModel(older), usage };
  } catch {
    return { text: summarizeWithoutModel(older), usage: none };
  }
}
