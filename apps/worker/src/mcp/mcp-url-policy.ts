import { createDohResolver, refuseUrlAfterResolving } from "@molt/agent";
import { readWorkerConfig } from "../config/worker-config";

// The Worker's own fetch, called through a closure so it keeps its binding to the global scope.
const workerFetch: typeof fetch = (input, init) => fetch(input, init);

/** The parsed URL of an MCP server we may connect to, or why not. */
export type McpUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * The same rules as `web_fetch` (no private, loopback, link-local or internal hosts, the name
 * resolved first), and https only: an MCP server gets the person's OAuth tokens and tool
 * arguments. Loopback over plain http only where the web tools allow it (tests) or in DEV_MODE.
 */
export async function checkMcpServerUrl(env: Env, raw: string): Promise<McpUrlCheck> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `${raw.trim() || "(empty)"} is not a URL` };
  }
  const { values } = readWorkerConfig(env);
  const allowLoopback = values.WEB_ALLOW_LOOPBACK || values.DEV_MODE;
  const loopbackHost = /^(127\.0\.0\.1|localhost|\[::1\])$/i.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowLoopback && loopbackHost)) {
    return { ok: false, reason: "MCP servers must be reached over https" };
  }
  const refusal = await refuseUrlAfterResolving(url, {
    allowLoopback,
    resolveHost: createDohResolver({ fetch: workerFetch, url: values.WEB_DNS_RESOLVER_URL }),
  });
  if (refusal) return { ok: false, reason: `Refused ${url.origin}: ${refusal}` };
  return { ok: true, url: url.href };
}
