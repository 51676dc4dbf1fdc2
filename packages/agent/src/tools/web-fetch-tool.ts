import { tool } from "ai";
import { z } from "zod";
import { fetchWebPage, WebFetchError } from "../web/fetch-web-page";
import { pageWindow } from "../web/page-window";
import { wrapWebContent } from "../web/untrusted-content";
import type { UrlPolicy } from "../web/url-safety";
import { toolError } from "./tool-error";

export interface WebFetchToolOptions extends UrlPolicy {
  fetch: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

/** Reads a page without a browser: fast and cheap, but no JavaScript runs. */
export function createWebFetchTool(options: WebFetchToolOptions) {
  return tool({
    description:
      "Fetch a web page (http or https) and read it as Markdown with its links. No JavaScript runs: for pages that need it, use the browser tools. Long pages come in windows; pass the offset the answer gives to read on.",
    inputSchema: z.object({
      url: z.string().describe("The full address, e.g. https://example.com/page"),
      offset: z.number().int().min(0).optional().describe("Character offset to continue from"),
    }),
    execute: async ({ url, offset }, { abortSignal }) => {
      try {
        const page = await fetchWebPage(url, { ...options, signal: abortSignal });
        const header = [
          page.title ? `# ${page.title}` : "",
          page.format === "text" ? `(${page.contentType || "text"}, shown as is)` : "",
          page.truncated ? "(the page was larger than the download limit and was cut)" : "",
        ]
          .filter(Boolean)
          .join("\n");
        const body = pageWindow(header ? `${header}\n\n${page.content}` : page.content, offset);
        return wrapWebContent(page.url, body);
      } catch (error) {
        if (error instanceof WebFetchError)
          return toolError(`Could not fetch the page: ${error.message}`);
        throw error;
      }
    },
  });
}
