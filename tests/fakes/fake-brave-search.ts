import { listenOnLoopback, type RunningFakeServer, sendJson } from "./fake-http-server.ts";

export const FAKE_BRAVE_API_KEY = "fake-brave-search-key";

/**
 * The Brave Search web API (`GET <base>/web/search?q=&count=` with `X-Subscription-Token`),
 * answering every query with `count` made-up results that echo it, so a test can see its query
 * arrived. `baseUrl` is what `BRAVE_SEARCH_API_BASE_URL` is set to.
 */
export async function startFakeBraveSearch(): Promise<RunningFakeServer & { baseUrl: string }> {
  const server = await listenOnLoopback((req, res, url) => {
    if (url.pathname !== "/res/v1/web/search") return sendJson(res, 404, { error: "not found" });
    if (req.headers["x-subscription-token"] !== FAKE_BRAVE_API_KEY) {
      return sendJson(res, 401, {
        type: "ErrorResponse",
        error: { code: "SUBSCRIPTION_TOKEN_INVALID" },
      });
    }
    const query = url.searchParams.get("q") ?? "";
    const count = Math.min(Number(url.searchParams.get("count") ?? 5), 20);
    sendJson(res, 200, {
      type: "search",
      query: { original: query },
      web: {
        type: "search",
        results: Array.from({ length: count }, (_, i) => ({
          title: `Result ${i + 1} for ${query}`,
          url: `https://example.com/${encodeURIComponent(query)}/${i + 1}`,
          description: `A <strong>${query}</strong> snippet number ${i + 1}.`,
          age: "2 days ago",
        })),
      },
    });
  });
  return { ...server, baseUrl: `${server.url}/res/v1` };
}
