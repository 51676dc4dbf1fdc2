import { observeToolCalls } from "@molt/agent";
import type { ToolSet } from "ai";
import type { ToolRisk } from "../approvals/approval-policy";
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
  const risks = new Map<string, ToolRisk>();
  for (const group of groups) {
    if (!group.isAvailable(context)) continue;
    for (const [name, definition] of Object.entries(group.create(context))) {
      // Spreading would let a later group silently replace an earlier group's tool.
      if (name in tools) throw new Error(`Two tool groups offer a tool named ${name}.`);
      tools[name] = definition;
      risks.set(name, group.risks[name] ?? UNDECLARED_RISK);
    }
  }
  const { userId, message } = context;
  const observed = observeToolCalls(tools, (call) =>
    logEvent(
      "tool_call",
      { userId, conversationId: message.conversationKey, ...call },
      call.ok ? "info" : "warn",
    ),
  );
  risksOfToolSets.set(observed, risks);
  return observed;
}

/** A tool whose group does not declare it: treated as bringing outside content and acting. */
export const UNDECLARED_RISK: ToolRisk = { bringsUntrusted: true, acts: "network" };

const risksOfToolSets = new WeakMap<ToolSet, ReadonlyMap<string, ToolRisk>>();

/** The declared risk of a tool of a set `buildTurnTools` made (the riskiest kind if unknown). */
export function toolRiskOf(tools: ToolSet, toolName: string): ToolRisk {
  return risksOfToolSets.get(tools)?.get(toolName) ?? UNDECLARED_RISK;
}
