import { tool } from "ai";
import { z } from "zod";
import { toolError } from "./tool-error";

/** A family of tools offered only once the conversation asks for it. */
export interface ToolsetChoice {
  name: string;
  /** One line for the model: what the toolset is for, naming its main tools. */
  summary: string;
}

export interface UseToolsOptions {
  /** The toolsets this conversation may turn on, in the order to list them. */
  toolsets: readonly ToolsetChoice[];
  /** Turns the toolsets on for the rest of the session; answers the tools they added. */
  activate(names: string[]): string[];
}

/**
 * use_tools: the one way a plain turn asks for more tools. Its description lists every toolset
 * in a line, so the model sees what exists without paying for every schema on every turn.
 */
export function createUseToolsTool({ toolsets, activate }: UseToolsOptions) {
  const names = toolsets.map((toolset) => toolset.name);
  const list = toolsets.map((toolset) => `${toolset.name}: ${toolset.summary}`).join("; ");
  return tool({
    description: `Turn on more tools for this conversation; they are yours from your next step. ${list}.`,
    inputSchema: z.object({ toolsets: z.array(z.string()).min(1).max(names.length) }),
    execute: async ({ toolsets: asked }) => {
      const unknown = asked.filter((name) => !names.includes(name));
      if (unknown.length > 0) {
        return toolError(`No toolset ${unknown.join(", ")} here. Toolsets: ${names.join(", ")}.`);
      }
      return { on: asked, tools: activate(asked) };
    },
  });
}
