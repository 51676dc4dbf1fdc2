import type { ModelMessage } from "ai";
import { estimateTokens } from "./estimate-tokens";

/**
 * Keeps the newest messages that fit in `budgetTokens`. A kept history never starts with a tool
 * result or an assistant message, because providers reject a tool result whose call was cut off
 * and a conversation should open with the person speaking.
 */
export function trimHistoryToBudget(
  messages: readonly ModelMessage[],
  budgetTokens: number,
): ModelMessage[] {
  let used = 0;
  let start = messages.length;
  for (let index = messages.length - 1; index >= 0; index--) {
    const cost = estimateTokens(JSON.stringify(messages[index]?.content ?? ""));
    if (used + cost > budgetTokens) break;
    used += cost;
    start = index;
  }
  while (start < messages.length && messages[start]?.role !== "user") start++;
  return messages.slice(start);
}
