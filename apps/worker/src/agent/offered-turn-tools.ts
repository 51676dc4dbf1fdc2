import { createUseToolsTool, type ToolOffer } from "@molt/agent";
import type { ToolSet } from "ai";
import { TOOL_GROUPS, type ToolGroup } from "./tool-groups";
import { type ToolsetActivation, toolsetsNeededBy } from "./toolset-activation";
import { TOOLSET_NAMES, TOOLSETS, type ToolsetName } from "./toolsets";
import type { TurnContext } from "./turn-context";
import { collectGroupTools, observeTurnToolCalls } from "./turn-tools";

/** A turn's tools: all it may run, and which of them each model request shows. */
export interface TurnTools {
  tools: ToolSet;
  offer?: ToolOffer;
}

export const USE_TOOLS = "use_tools";

/**
 * The turn's tools offered by need: the core groups on every request, a toolset's tools once the
 * conversation turned it on (`use_tools`, a call to one of its tools, or the message itself:
 * `toolsetsNeededBy`). Every available tool can still run, and running one turns its toolset on,
 * so a model that calls `shell` straight away gets its answer, and `shell` in its next request.
 * `use_tools` is there only when some toolset is available here.
 */
export function buildOfferedTurnTools(
  context: TurnContext,
  activation: ToolsetActivation,
  groups: readonly ToolGroup[] = TOOL_GROUPS,
): TurnTools {
  const collected = collectGroupTools(context, groups);
  const toolsetOf = new Map<string, ToolsetName | undefined>();
  const members = new Map<ToolsetName, string[]>();
  const tools: ToolSet = {};
  for (const [name, { definition, toolset }] of collected) {
    toolsetOf.set(name, toolset);
    if (!toolset) {
      tools[name] = definition;
      continue;
    }
    members.set(toolset, [...(members.get(toolset) ?? []), name]);
    tools[name] = turningOn(definition, () => activation.activate([toolset], "tool_call"));
  }
  const here = TOOLSET_NAMES.filter((name) => members.has(name));
  const needed = toolsetsNeededBy(context.message).filter((name) => here.includes(name));
  activation.activate(needed, "message");
  if (here.length > 0) {
    if (USE_TOOLS in tools) throw new Error(`Two tool groups offer a tool named ${USE_TOOLS}.`);
    tools[USE_TOOLS] = createUseToolsTool({
      toolsets: here.map((name) => ({ name, summary: TOOLSETS[name] })),
      activate: (names) => {
        const chosen = here.filter((name) => names.includes(name));
        activation.activate(chosen, "use_tools");
        return chosen.flatMap((name) => members.get(name) ?? []);
      },
    });
  }
  const offer: ToolOffer = {
    isOffered: (name) => {
      const toolset = toolsetOf.get(name);
      return toolset === undefined || activation.isOn(toolset);
    },
  };
  const risks = new Map([...collected].map(([name, { risk }]) => [name, risk]));
  // Turning a toolset on shows tools; it runs nothing.
  risks.set(USE_TOOLS, {});
  return { tools: observeTurnToolCalls(context, tools, risks), offer };
}

/** The tool, turning its toolset on when it is called (before it runs, so a failure counts). */
function turningOn(definition: ToolSet[string], turnOn: () => void): ToolSet[string] {
  const execute = definition.execute;
  if (!execute) return definition;
  return {
    ...definition,
    execute: (input: unknown, options: Parameters<typeof execute>[1]) => {
      turnOn();
      return execute(input, options);
    },
  } as ToolSet[string];
}
