/** Every MCP tool's name starts with this; none of our own tools does. */
export const MCP_TOOL_PREFIX = "mcp_";

/** The providers' limit on a tool name (OpenAI and Anthropic: 64 of `[A-Za-z0-9_-]`). */
export const TOOL_NAME_MAX_LENGTH = 64;

const SERVER_SLUG_MAX_LENGTH = 20;

function sanitize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}

/** A short, stable tag of the full name, so two long names cut to one prefix stay apart. */
function shortHash(text: string): string {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0).toString(36).slice(0, 6);
}

/** The server part of its tools' names: `mcp_<slug>_`. */
export function mcpServerSlug(serverName: string): string {
  return sanitize(serverName).slice(0, SERVER_SLUG_MAX_LENGTH) || "server";
}

/**
 * `mcp_<server>_<tool>`, sanitized to what every provider accepts and at most 64 characters. A
 * name that had to be cut ends in a hash of the whole, so it stays unique; `taken` names (tools
 * already named in this turn) get a numbered suffix rather than replacing one.
 */
export function mcpToolName(serverName: string, toolName: string, taken: ReadonlySet<string>) {
  const full = `${MCP_TOOL_PREFIX}${mcpServerSlug(serverName)}_${sanitize(toolName) || "tool"}`;
  const base =
    full.length <= TOOL_NAME_MAX_LENGTH
      ? full
      : `${full.slice(0, TOOL_NAME_MAX_LENGTH - 7)}_${shortHash(`${serverName}/${toolName}`)}`;
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) {
    const tail = `_${suffix}`;
    name = `${base.slice(0, TOOL_NAME_MAX_LENGTH - tail.length)}${tail}`;
  }
  return name;
}
