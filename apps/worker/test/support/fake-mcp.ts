import { inject } from "vitest";
import type { RecordedMcpCall } from "../../../../tests/fakes/mcp-markers";

export { MCP_MARKERS } from "../../../../tests/fakes/mcp-markers";

export function mcpUrls() {
  return inject("mcp");
}

async function control<T>(url: string, path: string): Promise<T> {
  const response = await fetch(new URL(`/control/${path}`, url), { method: "POST" });
  if (!response.ok) throw new Error(`fake MCP control ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The test MCP servers' control routes (`tests/fakes/fake-mcp.ts`). */
export const fakeMcp = {
  calls: () => control<RecordedMcpCall[]>(mcpUrls().plainUrl, "calls"),
  reset: () => control(mcpUrls().plainUrl, "reset"),
  /** The plain server answers 503 to everything until `up`. */
  down: () => control(mcpUrls().plainUrl, "down"),
  up: () => control(mcpUrls().plainUrl, "up"),
  expireAccessTokens: () => control(mcpUrls().oauthUrl, "expire-access-tokens"),
  revokeAll: () => control(mcpUrls().oauthUrl, "revoke-all"),
  oauthStats: () =>
    control<{ registrations: number; authorizations: number; tokens: number; refreshes: number }>(
      mcpUrls().oauthUrl,
      "oauth-stats",
    ),
};
