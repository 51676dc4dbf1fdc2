import { observeToolCalls } from "@molt/agent";
import type { ToolSet } from "ai";
import type { ToolRisk } from "../approvals/approval-policy";
import { logEvent } from "../observability/log-event";
import { TOOL_GROUPS, type ToolGroup } from "./tool-groups";
import type { ToolsetName } from "./toolsets";
import type { TurnContext } from "./turn-context";

export type { PersonalToolSources, TurnContext } from "./turn-context";

/** One tool of the turn and the toolset it belongs to (none: the core). */
export interface GroupTool {
  definition: ToolSet[string];
  toolset?: ToolsetName;
  /** What its group declares it does (`UNDECLARED_RISK` when the group forgot it). */
  risk: ToolRisk;
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
      const risk = group.risks[name] ?? UNDECLARED_RISK;
      tools.set(name, { definition, toolset: group.toolset, risk });
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
  const risks = new Map<string, ToolRisk>();
  for (const [name, { definition, risk }] of collectGroupTools(context, groups)) {
    tools[name] = definition;
    risks.set(name, risk);
  }
  return observeTurnToolCalls(context, tools, risks);
}

/** Times and logs every call of `tools`, and keeps their risks for `toolRiskOf`. */
export function observeTurnToolCalls(
  context: TurnContext,
  tools: ToolSet,
  risks: ReadonlyMap<string, ToolRisk>,
): ToolSet {
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

/** The declared risk of a tool of a set `observeTurnToolCalls` made (the riskiest kind if unknown). */
export function toolRiskOf(tools: ToolSet, toolName: string): ToolRisk {
  return risksOfToolSets.get(tools)?.get(toolName) ?? UNDECLARED_RISK;
}
