import { tool } from "ai";
import { z } from "zod";
import { type BraveSearchOptions, searchBrave } from "../web/brave-search";
import { wrapWebContent } from "../web/untrusted-content";
import { toolError } from "./tool-error";

const DEFAULT_RESULT_COUNT = 5;
const MAX_RESULT_COUNT = 10;

/** Web search through the Brave Search API; offered only when an API key is configured. */
export function createWebSearchTool(options: BraveSearchOptions) {
  return tool({
    description:
      "Search the web. Returns titles, addresses and short snippets; read a result with web_fetch or the browser.",
    inputSchema: z.object({
      query: z.string().min(1).describe("What to search for"),
      count: z.number().int().min(1).max(MAX_RESULT_COUNT).optional(),
    }),
    execute: async ({ query, count }, { abortSignal }) => {
      try {
        const results = await searchBrave(
          query,
          count ?? DEFAULT_RESULT_COUNT,
          options,
          abortSignal,
        );
        if (results.length === 0) return `No results for "${query}".`;
        const lines = results.map(
          (r, i) =>
            `${i + 1}. [${r.title}](${r.url})${r.age ? ` (${r.age})` : ""}\n   ${r.snippet}`,
        );
        return wrapWebContent(`search: ${query}`, lines.join("\n"));
      } catch (error) {
        if (abortSignal?.aborted) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        return toolError(`The web search failed: ${reason}.`);
      }
    },
  });
}
