import { z } from "zod";

export const BRAVE_SEARCH_DEFAULT_BASE_URL = "https://api.search.brave.com/res/v1";
const SEARCH_TIMEOUT_MS = 10_000;

const braveResponseSchema = z.object({
  web: z
    .object({
      results: z.array(
        z.object({
          title: z.string(),
          url: z.string(),
          description: z.string().optional(),
          age: z.string().optional(),
        }),
      ),
    })
    .optional(),
});

export interface SearchResult {
  title: string;
  url: string;
  snippet: string;
  age?: string;
}

export interface BraveSearchOptions {
  apiKey: string;
  baseUrl?: string;
  fetch: typeof fetch;
}

/** One query to the Brave Search web API; throws with the HTTP status on failure. */
export async function searchBrave(
  query: string,
  count: number,
  options: BraveSearchOptions,
  signal?: AbortSignal,
): Promise<SearchResult[]> {
  const url = new URL(`${options.baseUrl ?? BRAVE_SEARCH_DEFAULT_BASE_URL}/web/search`);
  url.searchParams.set("q", query);
  url.searchParams.set("count", String(count));
  const timeout = AbortSignal.timeout(SEARCH_TIMEOUT_MS);
  const response = await options.fetch(url.toString(), {
    headers: { accept: "application/json", "x-subscription-token": options.apiKey },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`the search service answered HTTP ${response.status}`);
  }
  const body = braveResponseSchema.parse(await response.json());
  return (body.web?.results ?? []).map((result) => ({
    title: result.title,
    url: result.url,
    snippet: stripTags(result.description ?? ""),
    ...(result.age ? { age: result.age } : {}),
  }));
}

/** Brave marks matched words with <strong>; the model reads plain text better. */
function stripTags(text: string): string {
  return text.replace(/<[^>]+>/g, "");
}
