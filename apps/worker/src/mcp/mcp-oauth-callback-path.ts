/** Where an MCP server's OAuth sign-in comes back to: a Worker route, outside Access. */
export const MCP_OAUTH_CALLBACK_PREFIX = "/mcp/oauth/callback";

/** One path per person, so the Worker knows which agent holds the sign-in's state. */
export function mcpOAuthCallbackPath(userId: string): string {
  return `${MCP_OAUTH_CALLBACK_PREFIX}/${encodeURIComponent(userId)}`;
}
