import { isLoopbackHostName } from "../config/setting-fix";

/**
 * True when a request both asks for a loopback name and comes from a loopback address: the
 * only requests `DEV_MODE` opens the admin API to.
 *
 * The host name alone is not enough: any client that reaches the port can write `Host:
 * localhost`. `CF-Connecting-IP` is the connecting address: Cloudflare's edge always sets it to
 * the real client (so a deployed Worker never sees a loopback one), and `wrangler dev` fills it
 * from the socket. The name check still matters: a page on a name rebound to 127.0.0.1 connects
 * from loopback, but its requests carry its own name, never `localhost`.
 */
export function isLocalDevRequest(request: Request): boolean {
  const { hostname } = new URL(request.url);
  if (!isLoopbackHostName(hostname)) return false;
  const address = request.headers.get("cf-connecting-ip");
  return address !== null && isLoopbackAddress(address.trim());
}

function isLoopbackAddress(address: string): boolean {
  if (address === "::1") return true;
  const v4 = address.replace(/^::ffff:/i, "");
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
