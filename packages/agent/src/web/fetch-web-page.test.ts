import { describe, expect, it } from "vitest";
import { fetchWebPage, WebFetchError } from "./fetch-web-page";

const CHUNK_BYTES = 64 * 1024;

/** A page that never ends, counting how much of it was pulled. */
function endlessPage() {
  let pulled = 0;
  const fetchFn: typeof fetch = async () => {
    const chunk = new TextEncoder().encode(`<p>${"x".repeat(CHUNK_BYTES - 7)}</p>`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return new Response(body, { headers: { "content-type": "text/html" } });
  };
  return { fetchFn, pulled: () => pulled };
}

describe("fetchWebPage", () => {
  it("stops reading at the byte limit and says the page was cut", async () => {
    const page = endlessPage();
    const result = await fetchWebPage("https://example.com/endless", {
      fetch: page.fetchFn,
      maxBytes: 200_000,
    });
    expect(result.truncated).toBe(true);
    expect(result.content.length).toBeGreaterThan(190_000);
    expect(page.pulled()).toBeLessThan(200_000 + 3 * CHUNK_BYTES);
  });

  it("checks the address of every redirect before following it", async () => {
    const seen: string[] = [];
    const fetchFn: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response(null, { status: 302, headers: { location: "http://[fd12::1]/x" } });
    };
    const error = await fetchWebPage("https://example.com/", { fetch: fetchFn }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WebFetchError);
    expect((error as WebFetchError).code).toBe("refused");
    expect(seen).toEqual(["https://example.com/"]);
  });
});
