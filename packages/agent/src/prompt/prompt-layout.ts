import type { ModelMessage, SystemModelMessage } from "ai";

/**
 * Where a prompt may be cached: Anthropic caches the request up to each block marked so (at most
 * four per request); OpenAI and compatible providers cache matching prefixes on their own and
 * ignore the mark. See docs/decisions.md.
 */
export const CACHE_BREAKPOINT = {
  anthropic: { cacheControl: { type: "ephemeral" } },
} as const;

/** The tag around the per-turn part, so the model can tell it from the person's words. */
export const TURN_CONTEXT_TAG = "turn_context";

/** The stable instruction the system prompt carries about the per-turn block. */
export const TURN_CONTEXT_NOTE = `The person's newest message starts with a <${TURN_CONTEXT_TAG}> block written by the system (current time, sender, today's notes), not by the person.`;

export interface PromptParts {
  /** Instructions and long-lived workspace files: byte-identical between turns of a session. */
  stableSystem: string;
  /** Earlier messages of the session as stored (never with a turn context in them). */
  history: ModelMessage[];
  /** The person's message as it is stored in the history. */
  userMessage: ModelMessage;
  /** What changes every turn (time, today's notes); sent last, never stored. */
  turnContext?: string;
}

export interface AssembledPrompt {
  system: SystemModelMessage;
  messages: ModelMessage[];
}

/**
 * Orders a turn's prompt so its stable part comes first and what changes every turn last: tools
 * (fixed by the provider call), the stable system text, the stored history, then the new user
 * message with the turn context in front of the person's words. Two breakpoints mark the cacheable
 * prefix: the end of the system text (shared by every session of the person) and the end of the
 * history (shared with the next turn of this session).
 */
export function assemblePrompt(parts: PromptParts): AssembledPrompt {
  const system: SystemModelMessage = {
    role: "system",
    content: parts.stableSystem,
    providerOptions: CACHE_BREAKPOINT,
  };
  const history = markLastMessage(parts.history);
  return { system, messages: [...history, withTurnContext(parts.userMessage, parts.turnContext)] };
}

/** The per-turn block as it is sent: tagged, so it cannot be mistaken for the person's words. */
export function formatTurnContext(lines: string[]): string {
  return `<${TURN_CONTEXT_TAG}>\n${lines.filter(Boolean).join("\n\n")}\n</${TURN_CONTEXT_TAG}>`;
}

function markLastMessage(history: ModelMessage[]): ModelMessage[] {
  const last = history.at(-1);
  if (!last) return history;
  const marked = {
    ...last,
    providerOptions: { ...last.providerOptions, ...CACHE_BREAKPOINT },
  } as ModelMessage;
  return [...history.slice(0, -1), marked];
}

function withTurnContext(message: ModelMessage, turnContext: string | undefined): ModelMessage {
  if (!turnContext || message.role !== "user") return message;
  const parts =
    typeof message.content === "string"
      ? [{ type: "text" as const, text: message.content }]
      : message.content;
  return { ...message, content: [{ type: "text", text: turnContext }, ...parts] };
}
