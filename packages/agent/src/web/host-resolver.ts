import { z } from "zod";

/** The addresses a host name resolves to (A and AAAA); empty when it does not resolve. */
export type HostResolver = (hostName: string) => Promise<string[]>;

/** Cloudflare's public resolver: reachable from a Worker and locally alike. */
export const DEFAULT_DOH_URL = "https://cloudflare-dns.com/dns-query";
export const DNS_LOOKUP_TIMEOUT_MS = 5_000;

const DNS_TYPE_A = 1;
const DNS_TYPE_AAAA = 28;

/** The JSON form of a DNS answer (`application/dns-json`), as Cloudflare and Google serve it. */
const dnsJsonAnswerSchema = z.object({
  Status: z.number(),
  Answer: z.array(z.object({ name: z.string(), type: z.number(), data: z.string() })).optional(),
});

export class HostResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HostResolutionError";
  }
}

/**
 * Resolves names over DNS over HTTPS (the JSON API), asking for A and AAAA at once. The answer
 * carries the whole CNAME chain; only the addresses at its end are returned. Answers are kept
 * for the resolver's life, so make one per turn.
 */
export function createDohResolver(options: {
  fetch: typeof fetch;
  url?: string;
  timeoutMs?: number;
}): HostResolver {
  const endpoint = options.url ?? DEFAULT_DOH_URL;
  const lookup = async (hostName: string, type: number): Promise<string[]> => {
    const url = new URL(endpoint);
    url.searchParams.set("name", hostName);
    url.searchParams.set("type", String(type));
    let response: Response;
    try {
      response = await options.fetch(url.toString(), {
        headers: { accept: "application/dns-json" },
        signal: AbortSignal.timeout(options.timeoutMs ?? DNS_LOOKUP_TIMEOUT_MS),
      });
    } catch (error) {
      throw new HostResolutionError(
        `the name ${hostName} could not be looked up (${String(error)})`,
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new HostResolutionError(`the DNS resolver answered ${response.status} for ${hostName}`);
    }
    const parsed = dnsJsonAnswerSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new HostResolutionError(`the DNS resolver's answer for ${hostName} was not understood`);
    }
    return (parsed.data.Answer ?? []).filter((record) => record.type === type).map((r) => r.data);
  };
  // One resolver lives for one turn: a page's many requests to one host ask once.
  const answers = new Map<string, Promise<string[]>>();
  return (hostName) => {
    const key = hostName.toLowerCase();
    let answer = answers.get(key);
    if (!answer) {
      answer = Promise.all([lookup(key, DNS_TYPE_A), lookup(key, DNS_TYPE_AAAA)]).then(
        ([v4, v6]) => [...v4, ...v6],
      );
      answers.set(key, answer);
      answer.catch(() => answers.delete(key));
    }
    return answer;
  };
}
