import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDohResolver, refuseUrlAfterResolving } from "../../packages/agent/src/index.ts";
import { fetchWebPage, WebFetchError } from "../../packages/agent/src/web/fetch-web-page.ts";
import { startFakeDoh } from "../fakes/fake-doh.ts";

let doh: Awaited<ReturnType<typeof startFakeDoh>>;

beforeAll(async () => {
  doh = await startFakeDoh({
    "public.example": { addresses: ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"] },
    "loopback.attacker.example": { addresses: ["127.0.0.1"] },
    "metadata.attacker.example": { addresses: ["169.254.169.254"] },
    "lan.attacker.example": { addresses: ["192.168.1.1"] },
    "v6.attacker.example": { addresses: ["fd00::1"] },
    "mixed.attacker.example": { addresses: ["93.184.216.34", "10.0.0.5"] },
    "alias.attacker.example": { cname: "lan.attacker.example" },
  });
});

afterAll(() => doh.close());

const resolver = () => createDohResolver({ fetch, url: `${doh.url}/dns-query` });

describe("a host name that resolves to a non-public address", () => {
  it.each([
    ["loopback.attacker.example", "127.0.0.1"],
    ["metadata.attacker.example", "169.254.169.254"],
    ["lan.attacker.example", "192.168.1.1"],
    ["v6.attacker.example", "fd00::1"],
    ["mixed.attacker.example", "10.0.0.5"],
    ["alias.attacker.example", "192.168.1.1"],
  ])("is refused: %s", async (host, address) => {
    const reason = await refuseUrlAfterResolving(new URL(`http://${host}/`), {
      resolveHost: resolver(),
    });
    expect(reason).toContain(`resolves to ${address}`);
  });

  it("is refused by web_fetch before anything is fetched", async () => {
    const fetched: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      if (String(input).startsWith(doh.url)) return fetch(input, init);
      fetched.push(String(input));
      return new Response("secret admin page", { headers: { "content-type": "text/plain" } });
    };
    const error = await fetchWebPage("http://loopback.attacker.example:8787/api/users", {
      fetch: fetchFn,
      resolveHost: createDohResolver({ fetch: fetchFn, url: `${doh.url}/dns-query` }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebFetchError);
    expect((error as WebFetchError).code).toBe("refused");
    expect(fetched).toEqual([]);
  });

  it("is refused when a public page redirects to it", async () => {
    const fetched: string[] = [];
    const fetchFn: typeof fetch = async (input) => {
      fetched.push(String(input));
      return new Response(null, {
        status: 302,
        headers: { location: "http://metadata.attacker.example/latest/meta-data" },
      });
    };
    const error = await fetchWebPage("http://public.example/", {
      fetch: fetchFn,
      resolveHost: resolver(),
    }).catch((e: unknown) => e);
    expect((error as WebFetchError).code).toBe("refused");
    expect(fetched).toEqual(["http://public.example/"]);
  });
});

describe("resolving", () => {
  it("lets a name with only public addresses through, asking for A and AAAA", async () => {
    const reason = await refuseUrlAfterResolving(new URL("https://public.example/"), {
      resolveHost: resolver(),
    });
    expect(reason).toBeUndefined();
    const asked = doh.questions().filter((q) => q.name === "public.example");
    expect(new Set(asked.map((q) => q.type))).toEqual(new Set([1, 28]));
  });

  it("fails closed: an unknown name or an unreachable resolver is refused", async () => {
    expect(
      await refuseUrlAfterResolving(new URL("https://nowhere.example/"), {
        resolveHost: resolver(),
      }),
    ).toContain("does not resolve");
    const dead = createDohResolver({
      fetch,
      url: "http://127.0.0.1:9/dns-query",
      timeoutMs: 2_000,
    });
    expect(
      await refuseUrlAfterResolving(new URL("https://public.example/"), { resolveHost: dead }),
    ).toContain("could not be looked up");
  });

  it("does not resolve addresses written as addresses", async () => {
    const before = doh.questions().length;
    expect(
      await refuseUrlAfterResolving(new URL("http://93.184.216.34/"), { resolveHost: resolver() }),
    ).toBeUndefined();
    expect(doh.questions().length).toBe(before);
  });
});
