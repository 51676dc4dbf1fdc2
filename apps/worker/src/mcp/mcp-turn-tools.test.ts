import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createMcpTurnTools, type SdkMcpTool } from "./mcp-turn-tools";

function sdkTool(answer: () => Promise<unknown>): SdkMcpTool {
  return { description: "d", inputSchema: z.object({}), execute: answer };
}

describe("createMcpTurnTools", () => {
  it("names every tool after its server, so two servers' tools of one name stay apart", () => {
    const tools = createMcpTurnTools([
      { name: "docs", tools: new Map([["search", sdkTool(async () => ({ content: [] }))]]) },
      { name: "Docs!", tools: new Map([["search", sdkTool(async () => ({ content: [] }))]]) },
    ]);
    expect(Object.keys(tools)).toEqual(["mcp_docs_search", "mcp_docs_search_2"]);
  });

  it("returns a failure as { error } naming the server, with the server's note", async () => {
    const tools = createMcpTurnTools([
      {
        name: "vault",
        tools: new Map([
          [
            "read",
            sdkTool(async () => {
              throw new Error("Unauthorized");
            }),
          ],
        ]),
        onCallFailed: async () => "Sign in again.",
      },
    ]);
    const result = (await tools.mcp_vault_read?.execute?.({}, {
      toolCallId: "1",
      messages: [],
    } as never)) as { error: string };
    expect(result.error).toContain('The MCP server "vault" could not run read');
    expect(result.error).toContain("Unauthorized");
    expect(result.error).toContain("Sign in again.");
  });
});
