import { observeToolCalls } from "@molt/agent";
import type { ToolSet } from "ai";
import { logEvent } from "../observability/log-event";
import { TOOL_GROUPS, type ToolGroup } from "./tool-groups";
import type { TurnContext } from "./turn-context";

export type { PersonalToolSources, TurnContext } from "./turn-context";

/**
 * The tools offered to the model for one turn: every available group of `TOOL_GROUPS`, each call
 * timed and logged as one `tool_call` line (never its arguments or result).
 */
export function buildTurnTools(
  context: TurnContext,
  groups: readonly ToolGroup[] = TOOL_GROUPS,
): ToolSet {
  const tools: ToolSet = {};
  for (const group of groups) {
    if (!group.isAvailable(context)) continue;
    for (const [name, definition] of Object.entries(group.create(context))) {
      // Spreading would let a later group silently replace an earlier group's tool.
      if (name in tools) throw new Error(`Two tool groups offer a tool named ${name}.`);
      tools[name] = definition;
    }
  }
  const { userId, message } = context;
  return observeToolCalls(tools, (call) =>
    logEvent(
      "tool_call",
      { userId, conversationId: message.conversationKey, ...call },
      call.ok ? "info" : "warn",
    ),
  );
}
