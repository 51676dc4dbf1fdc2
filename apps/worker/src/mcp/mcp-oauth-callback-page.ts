/** What the agents SDK reports when an MCP server's sign-in comes back (`MCPClientOAuthResult`). */
export type McpOAuthOutcome =
  | { serverId: string; authSuccess: true; authError?: undefined }
  | { serverId?: string; authSuccess: false; authError: string };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The page the person's browser lands on after signing in to an MCP server. The tokens stay in
 * the agent's storage; the page only says how it went. The error comes from the server and is
 * escaped.
 */
export function mcpOAuthCallbackPage(result: McpOAuthOutcome): Response {
  const body = result.authSuccess
    ? "<h1>Signed in</h1><p>The MCP server is connected. You can close this window and go back to the chat.</p>"
    : `<h1>Sign-in failed</h1><p>${escapeHtml(result.authError).slice(0, 500)}</p><p>Try again from the chat with /mcp list.</p>`;
  return new Response(
    `<!doctype html><meta charset="utf-8"><title>MCP sign-in</title><body>${body}</body>`,
    {
      status: result.authSuccess ? 200 : 400,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        "referrer-policy": "no-referrer",
      },
    },
  );
}
