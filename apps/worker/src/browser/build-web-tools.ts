import type { BrowserWorker } from "@cloudflare/puppeteer";
import { createDohResolver, createWebFetchTool, createWebSearchTool } from "@molt/agent";
import type { ToolSet } from "ai";
import { attachmentKey, type OutboxAttachment } from "../agent/outbox-attachment";
import { readWorkerConfig } from "../config/worker-config";
import type { BrowserStateStore } from "./browser-session";
import { createBrowserTools } from "./browser-tools";
import { createLocalBrowserEndpoint } from "./local-browser-endpoint";

/** An image a tool produced during a turn, sent to the person together with the reply. */
export interface TurnAttachment extends OutboxAttachment {
  caption?: string;
}

export interface WebToolsContext {
  env: Env;
  userId: string;
  browserState: BrowserStateStore;
  attachments: TurnAttachment[];
}

/**
 * web_fetch always, web_search when a Brave Search key is configured, and the browser tools
 * through Browser Rendering (or, locally, a Chromium at BROWSER_CDP_URL).
 */
export function buildWebTools(context: WebToolsContext): ToolSet {
  const { values } = readWorkerConfig(context.env);
  const fetchFn: typeof fetch = (input, init) => fetch(input, init);
  // Names are resolved before a page or a browser request may go out: a public-looking name
  // that points at a private address is refused like the address itself.
  const policy = {
    allowLoopback: values.WEB_ALLOW_LOOPBACK,
    resolveHost: createDohResolver({ fetch: fetchFn, url: values.WEB_DNS_RESOLVER_URL }),
  };
  const timeoutMs = values.WEB_TIMEOUT_SECONDS * 1000;
  const tools: ToolSet = {
    web_fetch: createWebFetchTool({ fetch: fetchFn, timeoutMs, ...policy }),
  };
  if (values.BRAVE_SEARCH_API_KEY) {
    tools.web_search = createWebSearchTool({
      apiKey: values.BRAVE_SEARCH_API_KEY,
      baseUrl: values.BRAVE_SEARCH_API_BASE_URL,
      fetch: fetchFn,
    });
  }
  const endpoint = browserEndpoint(context.env, values.BROWSER_CDP_URL);
  Object.assign(
    tools,
    createBrowserTools({
      endpoint,
      store: context.browserState,
      policy,
      timeoutMs,
      saveScreenshot: async (png, caption) => {
        const id = crypto.randomUUID();
        const key = attachmentKey(context.userId, id, "png");
        await context.env.WORKSPACES.put(key, png, { httpMetadata: { contentType: "image/png" } });
        context.attachments.push({
          key,
          fileName: `screenshot-${id.slice(0, 8)}.png`,
          contentType: "image/png",
          ...(caption ? { caption } : {}),
        });
      },
    }),
  );
  return tools;
}

/** A local Chromium when one is configured, else the Browser Rendering binding. */
function browserEndpoint(env: Env, cdpUrl: string | undefined): BrowserWorker {
  return cdpUrl ? createLocalBrowserEndpoint(cdpUrl) : (env.BROWSER as unknown as BrowserWorker);
}
