import { describe, expect, it } from "vitest";
import { MCP_TOOL_PREFIX, mcpToolName, TOOL_NAME_MAX_LENGTH } from "./mcp-tool-names";

const VALID = /^[A-Za-z0-9_-]{1,64}$/;

describe("mcpToolName", () => {
  it("prefixes the server and keeps only characters every provider accepts", () => {
    expect(mcpToolName("Git-Hub", "create.issue/v2", new Set())).toBe(
      "mcp_git_hub_create_issue_v2",
    );
  });

  it("cuts long names to the providers' limit and keeps two long names apart", () => {
    const long = "a".repeat(80);
    const first = mcpToolName("docs", `${long}_one`, new Set());
    const second = mcpToolName("docs", `${long}_two`, new Set());
    expect(first.length).toBeLessThanOrEqual(TOOL_NAME_MAX_LENGTH);
    expect(first).toMatch(VALID);
    expect(first).not.toBe(second);
  });

  it("numbers a name already taken in the turn instead of replacing it", () => {
    const taken = new Set(["mcp_docs_search"]);
    expect(mcpToolName("docs", "search", taken)).toBe("mcp_docs_search_2");
    expect(mcpToolName("docs", "Search!", new Set([...taken, "mcp_docs_search_2"]))).toBe(
      "mcp_docs_search_3",
    );
  });

  it("never gives an MCP tool a name without the prefix, so it cannot be one of ours", () => {
    for (const tool of ["shell", "web_fetch", "", "!!!"]) {
      expect(mcpToolName("x", tool, new Set()).startsWith(MCP_TOOL_PREFIX)).toBe(true);
    }
  });
});
