import { describeMcpTool, mcpResultText, toolError, wrapMcpContent } from "@molt/agent";
import type { McpToolSummary } from "@molt/contracts";
import { dynamicTool, type FlexibleSchema, type ToolSet } from "ai";
import { mcpToolName } from "./mcp-tool-names";

/** One MCP tool as the agents SDK converted it for the AI SDK (`MCPClientManager.getAITools`). */
export interface SdkMcpTool {
  description?: string;
  inputSchema: unknown;
  execute(args: Record<string, unknown>, options?: unknown): Promise<unknown>;
}

/** The tools of one ready server, keyed by the name the server gave each. */
export interface ReadyMcpServer {
  name: string;
  tools: ReadonlyMap<string, SdkMcpTool>;
  /** Told of a failed call (a revoked sign-in, a server gone); may answer a note for the model. */
  onCallFailed?(error: unknown): Promise<string | undefined>;
}

/**
 * Our names for a server's tools: `mcp_<server>_<tool>`, unique within `taken` (which grows).
 * The admin view and the turn name tools the same way, in the same order.
 */
export function nameMcpTools(
  serverName: string,
  tools: Iterable<{ name: string; description?: string }>,
  taken: Set<string>,
): Array<McpToolSummary> {
  const named: McpToolSummary[] = [];
  for (const tool of tools) {
    const name = mcpToolName(serverName, tool.name, taken);
    taken.add(name);
    named.push({
      name,
      serverTool: tool.name,
      description: describeMcpTool(serverName, tool.description),
    });
  }
  return named;
}

/**
 * The AI SDK tools of the ready servers. Descriptions and results are untrusted content: each
 * description is marked and capped (`describeMcpTool`), each result wrapped as quoted data
 * (`wrapMcpContent`), and a failure (the server's error, or a server gone) comes back to the
 * model as `{ error }` naming the server.
 */
export function createMcpTurnTools(servers: readonly ReadyMcpServer[]): ToolSet {
  const taken = new Set<string>();
  const tools: ToolSet = {};
  for (const server of servers) {
    const entries = [...server.tools.entries()].map(([name, tool]) => ({ name, tool }));
    const named = nameMcpTools(
      server.name,
      entries.map(({ name, tool }) => ({ name, description: tool.description })),
      taken,
    );
    named.forEach((summary, index) => {
      const source = entries[index];
      if (!source) return;
      tools[summary.name] = dynamicTool({
        description: summary.description,
        inputSchema: source.tool.inputSchema as FlexibleSchema<unknown>,
        execute: async (input) => {
          try {
            const result = await source.tool.execute((input ?? {}) as Record<string, unknown>);
            return wrapMcpContent(server.name, source.name, mcpResultText(result));
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            const note = await server.onCallFailed?.(error).catch(() => undefined);
            return toolError(
              `The MCP server "${server.name}" could not run ${source.name}: ${wrapMcpContent(server.name, source.name, reason)}${note ? `\n${note}` : ""}`,
            );
          }
        },
      });
    });
  }
  return tools;
}
