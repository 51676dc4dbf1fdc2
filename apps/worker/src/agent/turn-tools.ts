import { observeToolCalls } from "@molt/agent";
import type { ToolSet } from "ai";
import { logEvent } from "../observability/log-event";
import { TOOL_GROUPS, type ToolGroup } from "./tool-groups";
import type { ToolsetName } from "./toolsets";
import type { TurnContext } from "./turn-context";

export type { PersonalToolSources, TurnContext } from "./turn-context";

/** One tool of the turn and the toolset it belongs to (none: the core). */
export interface GroupTool {
  definition: ToolSet[string];
  toolset?: ToolsetName;
}

/** Every tool of the available groups, in table order; two tools with one name throw. */
export function collectGroupTools(
  context: TurnContext,
  groups: readonly ToolGroup[] = TOOL_GROUPS,
): Map<string, GroupTool> {
  const tools = new Map<string, GroupTool>();
  for (const group of groups) {
    if (!group.isAvailable(context)) continue;
    for (const [name, definition] of Object.entries(group.create(context))) {
      // Spreading would let a later group silently replace an earlier group's tool.
      if (tools.has(name)) throw new Error(`Two tool groups offer a tool named ${name}.`);
      tools.set(name, { definition, toolset: group.toolset });
    }
  }
  return tools;
}

/**
 * Every tool the turn may run: every available group of `TOOL_GROUPS`, each call timed and
 * logged as one `tool_call` line (never its arguments or result). Which of them the model is
 * shown is `buildOfferedTurnTools`'s business.
 */
export function buildTurnTools(
  context: TurnContext,
  groups: readonly ToolGroup[] = TOOL_GROUPS,
): ToolSet {
  const tools: ToolSet = {};
  for (const [name, { definition }] of collectGroupTools(context, groups)) tools[name] = definition;
  return observeTurnToolCalls(context, tools);
}

export function observeTurnToolCalls(context: TurnContext, tools: ToolSet): ToolSet {
  const { userId, message } = context;
  return observeToolCalls(tools, (call) =>
    logEvent(
      "tool_call",
      { userId, conversationId: message.conversationKey, ...call },
      call.ok ? "info" : "warn",
    ),
  );
}
