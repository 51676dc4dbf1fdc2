import ipaddr from "ipaddr.js";
import { HostResolutionError, type HostResolver } from "./host-resolver";

export interface UrlPolicy {
  /** Lets loopback addresses through (a test server on 127.0.0.1); never set in production. */
  allowLoopback?: boolean;
  /**
   * Resolves host names so that a public-looking name pointing at a private address is refused
   * too. Without it only the address as written is checked.
   */
  resolveHost?: HostResolver;
}

/** Names that resolve inside a network rather than on the public internet. */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/i;
const LOOPBACK_NAME = /(^|\.)localhost$/i;

/**
 * Why a URL must not be fetched, or undefined when it may be. Only http(s) to public hosts: a
 * page (or a redirect) must not make the agent reach private, loopback, link-local, CGNAT or
 * unique-local addresses, in any spelling (IPv4-mapped IPv6 included; numeric IPv4 spellings
 * such as `2130706433` are already normalized to dotted form by the URL parser).
 */
export function refuseUrl(url: URL, policy: UrlPolicy = {}): string | undefined {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `only http and https addresses can be fetched, not ${url.protocol.replace(":", "")}`;
  }
  if (url.username || url.password) return "addresses with credentials are not fetched";
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (host === "") return "the address has no host";
  if (ipaddr.isValid(host)) return refuseAddress(ipaddr.parse(host), policy);
  if (LOOPBACK_NAME.test(host)) {
    return policy.allowLoopback ? undefined : `${host} is a local address`;
  }
  if (INTERNAL_NAME.test(host) || !host.includes(".")) {
    return `${host} is not a public host name`;
  }
  return undefined;
}

/**
 * `refuseUrl`, then, for a host name, what it resolves to: every address must be public (one
 * private answer among public ones is enough to refuse, since the client may pick it). A name
 * that does not resolve, or a lookup that fails, is refused: the check fails closed.
 *
 * The client resolves the name again when it connects, so a name whose answer changes between
 * the two lookups (DNS rebinding with a zero TTL) is not stopped by this alone.
 */
export async function refuseUrlAfterResolving(
  url: URL,
  policy: UrlPolicy = {},
): Promise<string | undefined> {
  const refusal = refuseUrl(url, policy);
  if (refusal || !policy.resolveHost) return refusal;
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (ipaddr.isValid(host) || (policy.allowLoopback && LOOPBACK_NAME.test(host))) return undefined;
  let addresses: string[];
  try {
    addresses = await policy.resolveHost(host);
  } catch (error) {
    return error instanceof HostResolutionError ? error.message : `${host} could not be resolved`;
  }
  if (addresses.length === 0) return `${host} does not resolve to an address`;
  for (const address of addresses) {
    if (!ipaddr.isValid(address)) return `${host} resolves to something that is not an address`;
    const reason = refuseAddress(ipaddr.parse(address), policy);
    if (reason) return `${host} resolves to ${address}, which is not public (${reason})`;
  }
  return undefined;
}

function refuseAddress(address: ipaddr.IPv4 | ipaddr.IPv6, policy: UrlPolicy): string | undefined {
  if (address.kind() === "ipv6") {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return refuseAddress(v6.toIPv4Address(), policy);
  }
  const range = address.range();
  if (range === "loopback" && policy.allowLoopback) return undefined;
  // "unicast" is ipaddr.js's name for every ordinary public address, in both families.
  if (range === "unicast") return undefined;
  const kind = describeRange(range);
  return `${address.toString()} is ${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} address`;
}

function describeRange(range: string): string {
  switch (range) {
    case "private":
    case "uniqueLocal":
      return "private";
    case "carrierGradeNat":
      return "carrier-grade NAT";
    case "linkLocal":
      return "link-local";
    case "unspecified":
    case "loopback":
    case "multicast":
    case "broadcast":
      return range;
    default:
      return `${range} (not public)`;
  }
}
