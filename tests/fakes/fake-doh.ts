import { listenOnLoopback, type RunningFakeServer, sendJson } from "./fake-http-server.ts";

/** A name's records: addresses (A or AAAA by their spelling), or an alias it points to. */
export type FakeDnsRecords = Record<string, { addresses?: string[]; cname?: string }>;

const TYPE_A = 1;
const TYPE_CNAME = 5;
const TYPE_AAAA = 28;

/**
 * DNS over HTTPS, JSON flavour (`GET ?name=&type=` with `accept: application/dns-json`), as
 * cloudflare-dns.com answers it: `Status` 0 with the CNAME chain then the addresses, or
 * `Status` 3 (NXDOMAIN) for an unknown name. Counts the questions it was asked.
 */
export async function startFakeDoh(
  records: FakeDnsRecords,
): Promise<RunningFakeServer & { questions(): Array<{ name: string; type: number }> }> {
  const questions: Array<{ name: string; type: number }> = [];
  const server = await listenOnLoopback((req, res, url) => {
    const name = (url.searchParams.get("name") ?? "").replace(/\.$/, "").toLowerCase();
    const type = Number(url.searchParams.get("type") ?? TYPE_A);
    questions.push({ name, type });
    if (req.headers.accept !== "application/dns-json") {
      return sendJson(res, 415, { error: "accept must be application/dns-json" });
    }
    const answer: Array<{ name: string; type: number; TTL: number; data: string }> = [];
    let current = name;
    for (let hops = 0; hops < 8; hops++) {
      const record = records[current];
      if (!record) {
        if (answer.length === 0) return sendDnsJson(res, 3, name, type, []);
        break;
      }
      if (record.cname) {
        answer.push({ name: current, type: TYPE_CNAME, TTL: 60, data: `${record.cname}.` });
        current = record.cname;
        continue;
      }
      for (const address of record.addresses ?? []) {
        const kind = address.includes(":") ? TYPE_AAAA : TYPE_A;
        if (kind === type) answer.push({ name: current, type, TTL: 60, data: address });
      }
      break;
    }
    return sendDnsJson(res, 0, name, type, answer);
  });
  return { ...server, questions: () => [...questions] };
}

function sendDnsJson(
  res: Parameters<typeof sendJson>[0],
  status: number,
  name: string,
  type: number,
  answer: unknown[],
) {
  res.writeHead(200, { "content-type": "application/dns-json" });
  res.end(
    JSON.stringify({
      Status: status,
      TC: false,
      RD: true,
      RA: true,
      AD: false,
      CD: false,
      Question: [{ name: `${name}.`, type }],
      ...(answer.length ? { Answer: answer } : {}),
    }),
  );
}
