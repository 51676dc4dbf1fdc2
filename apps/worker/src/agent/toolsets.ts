/**
 * The toolsets a conversation turns on when it needs them, with the one line `use_tools` shows
 * the model for each (naming the main tools, so a model that knows a tool by name finds its
 * set). A group of `TOOL_GROUPS` without a `toolset` is the core, offered on every turn.
 * The order here is the order `use_tools` lists them.
 */
export const TOOLSETS = {
  web: "read a web page (web_fetch), search the web (web_search)",
  browser: "a real browser for pages that need scripts or clicks (browser_open, browser_read, …)",
  computer:
    "your Linux workspace: files, sending a file to this chat (send_file); in private chats also shell and background processes",
  skills: "the workspace's skills (use_skill, search_skills)",
  mcp: "tools of the MCP servers connected for you (mcp_<server>_<tool>)",
} as const satisfies Record<string, string>;

export type ToolsetName = keyof typeof TOOLSETS;

export const TOOLSET_NAMES = Object.keys(TOOLSETS) as ToolsetName[];

export function isToolsetName(name: string): name is ToolsetName {
  return Object.hasOwn(TOOLSETS, name);
}
