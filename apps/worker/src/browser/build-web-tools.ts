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

// The Worker's own fetch, called through a closure so it keeps its binding to the global scope.
const workerFetch: typeof fetch = (input, init) => fetch(input, init);

function webSettings(env: Env) {
  const { values } = readWorkerConfig(env);
  return {
    values,
    // Names are resolved before a page or a browser request may go out: a public-looking name
    // that points at a private address is refused like the address itself.
    policy: {
      allowLoopback: values.WEB_ALLOW_LOOPBACK,
      resolveHost: createDohResolver({ fetch: workerFetch, url: values.WEB_DNS_RESOLVER_URL }),
    },
    timeoutMs: values.WEB_TIMEOUT_SECONDS * 1000,
  };
}

/** web_fetch: reads a page without a browser. */
export function createWebFetchTools(env: Env): ToolSet {
  const { policy, timeoutMs } = webSettings(env);
  return { web_fetch: createWebFetchTool({ fetch: workerFetch, timeoutMs, ...policy }) };
}

/** Whether web_search can be offered: it needs a Brave Search API key. */
export function isWebSearchConfigured(env: Env): boolean {
  return Boolean(readWorkerConfig(env).values.BRAVE_SEARCH_API_KEY);
}

/** web_search through the Brave Search API; offer it only when `isWebSearchConfigured`. */
export function createWebSearchTools(env: Env): ToolSet {
  const { values } = webSettings(env);
  return {
    web_search: createWebSearchTool({
      apiKey: values.BRAVE_SEARCH_API_KEY ?? "",
      baseUrl: values.BRAVE_SEARCH_API_BASE_URL,
      fetch: workerFetch,
    }),
  };
}

/** The browser tools through Browser Rendering (or, locally, a Chromium at BROWSER_CDP_URL). */
export function createTurnBrowserTools(context: WebToolsContext): ToolSet {
  const { values, policy, timeoutMs } = webSettings(context.env);
  return createBrowserTools({
    endpoint: browserEndpoint(context.env, values.BROWSER_CDP_URL),
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
  });
}

/** A local Chromium when one is configured, else the Browser Rendering binding. */
function browserEndpoint(env: Env, cdpUrl: string | undefined): BrowserWorker {
  return cdpUrl ? createLocalBrowserEndpoint(cdpUrl) : (env.BROWSER as unknown as BrowserWorker);
}
