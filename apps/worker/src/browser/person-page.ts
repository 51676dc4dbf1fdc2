import type { Browser, BrowserWorker, HTTPRequest, Page } from "@cloudflare/puppeteer";
import { refuseUrlAfterResolving, type UrlPolicy } from "@molt/agent";
import { type BrowserStateStore, connectBrowser } from "./browser-session";

/** Settles after load: script-rendered pages draw their content once the network goes quiet. */
const NETWORK_IDLE_MS = 500;
const NETWORK_IDLE_TIMEOUT_MS = 3_000;
/** A desktop-sized tab: pages lay out as people usually see them. */
const VIEWPORT = { width: 1280, height: 800 };

export interface PersonPageOptions {
  endpoint: BrowserWorker;
  store: BrowserStateStore;
  policy: UrlPolicy;
  timeoutMs: number;
}

/** A page action's view: the tab, and the addresses the guard refused while it ran. */
export interface GuardedPage {
  page: Page;
  refused: Array<{ url: string; reason: string }>;
}

/** The person has no tab yet: the model must open a page first. */
export class NoPageError extends Error {
  constructor() {
    super("No page is open: open one with browser_open first.");
    this.name = "NoPageError";
  }
}

/**
 * Runs `action` on the person's own tab in their browser session, connecting for the call and
 * disconnecting after it so the session stays alive for the next one. Every request the page
 * makes (redirects included) passes the same address check as web_fetch while we are attached.
 */
export async function withPersonPage<T>(
  options: PersonPageOptions,
  mode: "existing" | "open",
  action: (guarded: GuardedPage) => Promise<T>,
): Promise<T> {
  const { browser, state } = await connectBrowser(options.endpoint, options.store);
  try {
    let page = state.targetId ? await findPage(browser, state.targetId) : undefined;
    if (!page) {
      if (mode === "existing") throw new NoPageError();
      page = await browser.newPage();
      options.store.save({ ...state, targetId: await targetIdOf(page) });
    }
    // Emulation lasts as long as our DevTools connection, so it is set on every attach.
    await page.setViewport(VIEWPORT);
    page.setDefaultTimeout(options.timeoutMs);
    page.setDefaultNavigationTimeout(options.timeoutMs);
    const refused: GuardedPage["refused"] = [];
    await page.setRequestInterception(true);
    page.on("request", (request: HTTPRequest) => {
      void refuseRequest(request.url(), options.policy)
        .catch(() => "the address could not be checked")
        .then((reason) => {
          if (reason) {
            refused.push({ url: request.url(), reason });
            return request.abort("blockedbyclient");
          }
          return request.continue();
        })
        .catch(() => undefined);
    });
    // Popups would be tabs without the guard: the person's tab is the only one a page gets.
    page.on("popup", (popup) => void popup?.close().catch(() => undefined));
    return await action({ page, refused });
  } finally {
    await browser.disconnect().catch(() => undefined);
  }
}

/** Waits for the page to settle after a navigation or a click; a busy page is read as it is. */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForNetworkIdle({ idleTime: NETWORK_IDLE_MS, timeout: NETWORK_IDLE_TIMEOUT_MS })
    .catch(() => undefined);
}

async function refuseRequest(url: string, policy: UrlPolicy): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a valid address";
  }
  // The page's own inline content is not a network request.
  if (["data:", "blob:", "about:"].includes(parsed.protocol)) return undefined;
  return refuseUrlAfterResolving(parsed, policy);
}

async function findPage(browser: Browser, targetId: string): Promise<Page | undefined> {
  for (const page of await browser.pages()) {
    if ((await targetIdOf(page).catch(() => undefined)) === targetId) return page;
  }
  return undefined;
}

async function targetIdOf(page: Page): Promise<string> {
  const session = await page.createCDPSession();
  try {
    const { targetInfo } = await session.send("Target.getTargetInfo");
    return targetInfo.targetId;
  } finally {
    await session.detach().catch(() => undefined);
  }
}
