import type { McpServerSummary } from "@molt/contracts";
import type { McpAddResult } from "./person-mcp-servers";

/** What `/mcp` may do in the person's agent. */
export interface McpCommandPort {
  /** `MCP_ALLOW_USER_SERVERS`: whether people may add their own servers. */
  allowUserServers: boolean;
  list(): Promise<McpServerSummary[]>;
  /** `addedBy`: the identity that sent the command. */
  add(url: string, name: string, addedBy: string): Promise<McpAddResult>;
  /** Only the person's own servers; false when they have none of that name. */
  remove(name: string): Promise<boolean>;
}

const NOT_ALLOWED =
  "Adding your own MCP servers is turned off here. Ask the operator (MCP_ALLOW_USER_SERVERS).";

const USAGE = "Use /mcp (list), /mcp add <url> [name], or /mcp remove <name>.";

/** `/mcp`, `/mcp list`, `/mcp add <url> [name]`, `/mcp remove <name>`. */
export async function mcpCommandReply(
  args: string,
  port: McpCommandPort,
  options: { isGroup: boolean; sender: string },
): Promise<string> {
  const [verb = "list", ...rest] = args.trim().split(/\s+/).filter(Boolean);
  switch (verb.toLowerCase()) {
    case "list":
      return listText(await port.list(), options.isGroup, port.allowUserServers);
    case "add": {
      if (!port.allowUserServers) return NOT_ALLOWED;
      const [url, name] = rest;
      if (!url) return `Which server? ${USAGE}`;
      const result = await port.add(url, name ?? nameFromUrl(url), options.sender);
      if (!result.ok) return `Not added: ${result.reason}`;
      return addedText(result.server);
    }
    case "remove": {
      const [name] = rest;
      if (!name) return `Which server? ${USAGE}`;
      return (await port.remove(name))
        ? `Removed the MCP server "${name}".`
        : `You have no MCP server of your own named "${name}".`;
    }
    default:
      return USAGE;
  }
}

/** A name from the URL's host when the person gives none: `https://docs.example.com/mcp` → `docs`. */
export function nameFromUrl(url: string): string {
  let host = "";
  try {
    host = new URL(url).hostname;
  } catch {
    return "server";
  }
  const label = host
    .split(".")
    .find((part) => /^[a-z]/i.test(part) && part !== "mcp" && part !== "www");
  return (label ?? "server").replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 40);
}

function addedText(server: McpServerSummary): string {
  if (server.state === "authenticating" && server.authUrl) {
    return `Added "${server.name}". It needs you to sign in: ${server.authUrl}\nAfter signing in, its tools are yours to use.`;
  }
  const tools = server.tools.map((tool) => tool.name);
  return `Added "${server.name}" (${server.state}). ${tools.length} tool(s)${tools.length ? `: ${tools.join(", ")}` : ""}.`;
}

function listText(servers: McpServerSummary[], isGroup: boolean, allowed: boolean): string {
  if (servers.length === 0) {
    return allowed
      ? "No MCP servers yet. Add one with /mcp add <url> [name]."
      : "No MCP servers yet. Adding your own is turned off here; the operator can add servers.";
  }
  const lines = servers.map(
    (server) => `• ${server.name} (${ownerOf(server)}): ${stateText(server, isGroup)}`,
  );
  return `Your MCP servers:\n${lines.join("\n")}`;
}

function ownerOf(server: McpServerSummary): string {
  return server.scope === "operator" ? "from the operator" : "yours";
}

function stateText(server: McpServerSummary, isGroup: boolean): string {
  switch (server.state) {
    case "ready": {
      const names = server.tools.map((tool) => tool.name).join(", ");
      return `ready, ${server.tools.length} tool(s)${names ? `: ${names}` : ""}`;
    }
    case "authenticating":
      // A sign-in link binds the account to this person's agent: never shown to a group.
      if (isGroup || !server.authUrl) return "needs sign-in (ask in a private chat for the link)";
      return `needs sign-in: ${server.authUrl}`;
    case "failed":
      return `unavailable: ${server.error ?? "the connection failed"}`;
    default:
      return `${server.state}${server.error ? `: ${server.error}` : ""}`;
  }
}
