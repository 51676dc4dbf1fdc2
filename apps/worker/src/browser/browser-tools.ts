import { type Page, TimeoutError } from "@cloudflare/puppeteer";
import {
  isToolError,
  pageWindow,
  refuseUrlAfterResolving,
  type ToolError,
  toolError,
  wrapWebContent,
} from "@molt/agent";
import { type ToolSet, tool } from "ai";
import { z } from "zod";
import { BrowserBusyError } from "./browser-session";
import { referenceSelector, snapshotPage } from "./page-snapshot";
import {
  type GuardedPage,
  NoPageError,
  type PersonPageOptions,
  settle,
  withPersonPage,
} from "./person-page";

export interface BrowserToolsOptions extends PersonPageOptions {
  /** Keeps a screenshot for delivery to the person with the turn's reply. */
  saveScreenshot(png: Uint8Array, caption: string | undefined): Promise<void>;
}

const refSchema = z.string().describe('A reference from the page, e.g. "e12"');
const offsetSchema = z
  .number()
  .int()
  .min(0)
  .optional()
  .describe("Character offset to read on from");

/**
 * A real browser for the model: pages run their JavaScript, links and controls are numbered so
 * the model can click and type by reference, and screenshots go to the person as images.
 */
export function createBrowserTools(options: BrowserToolsOptions): ToolSet {
  // A Browser Rendering session takes one connection at a time, and the model may ask for
  // several browser calls at once: they run one after another, in the order asked.
  let queue: Promise<unknown> = Promise.resolve();
  const run = (
    mode: "existing" | "open",
    action: (guarded: GuardedPage) => Promise<string | ToolError>,
  ) => {
    const next = queue.then(() =>
      withPersonPage(options, mode, action).catch((error: unknown) =>
        describeFailure(error, options),
      ),
    );
    queue = next;
    return next;
  };
  return {
    browser_open: tool({
      description:
        "Open a web page in a real browser (JavaScript runs) and read it as Markdown. Links and controls carry references like [e12] for browser_click and browser_type. Use this when web_fetch shows an empty or script-only page.",
      inputSchema: z.object({ url: z.string().describe("The full address to open") }),
      execute: async ({ url }) => {
        const target = parseTarget(url);
        if (!(target instanceof URL)) return target;
        const refusal = await refuseUrlAfterResolving(target, options.policy);
        if (refusal) return toolError(`Refused ${target.toString()}: ${refusal}.`);
        return run("open", async ({ page, refused }) => {
          await navigate(page, target.toString(), refused);
          return readPage(page);
        });
      },
    }),
    browser_read: tool({
      description:
        "Read the open page again as Markdown (after it changed, or further down with offset).",
      inputSchema: z.object({ offset: offsetSchema }),
      execute: ({ offset }) => run("existing", ({ page }) => readPage(page, offset)),
    }),
    browser_click: tool({
      description: "Click a link or control on the open page by its reference, then read the page.",
      inputSchema: z.object({ ref: refSchema }),
      execute: ({ ref }) =>
        run("existing", async ({ page, refused }) => {
          const element = await findElement(page, ref);
          if (isToolError(element)) return element;
          await element.click();
          await settle(page);
          return refusedNote(refused) + (await readPage(page));
        }),
    }),
    browser_type: tool({
      description:
        "Type text into a field of the open page by its reference; submit presses Enter afterwards. Then reads the page.",
      inputSchema: z.object({ ref: refSchema, text: z.string(), submit: z.boolean().optional() }),
      execute: ({ ref, text, submit }) =>
        run("existing", async ({ page, refused }) => {
          const element = await findElement(page, ref);
          if (isToolError(element)) return element;
          await element.type(text);
          if (submit) await element.press("Enter");
          await settle(page);
          return refusedNote(refused) + (await readPage(page));
        }),
    }),
    browser_screenshot: tool({
      description:
        "Take a screenshot of the open page; it is sent to the person as an image with your reply.",
      inputSchema: z.object({
        fullPage: z.boolean().optional().describe("The whole page instead of the visible part"),
        caption: z.string().max(200).optional().describe("A short caption under the image"),
      }),
      execute: ({ fullPage, caption }) =>
        run("existing", async ({ page }) => {
          const png = await takeScreenshot(page, fullPage ?? false);
          await options.saveScreenshot(png, caption ?? page.url());
          return `Screenshot of ${page.url()} taken; it will be sent to the person with your reply.`;
        }),
    }),
  };
}

/**
 * Telegram refuses photos whose width and height add up to more than 10,000 px, so a full-page
 * shot of a very long page is cut at a height that still reads well.
 */
const MAX_SCREENSHOT_HEIGHT_PX = 6_000;

async function takeScreenshot(page: Page, fullPage: boolean): Promise<Uint8Array> {
  if (!fullPage) return page.screenshot({ type: "png" });
  const size = await page.evaluate(
    "({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight })",
  );
  const { width, height } = size as { width: number; height: number };
  return page.screenshot({
    type: "png",
    captureBeyondViewport: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_SCREENSHOT_HEIGHT_PX) },
  });
}

function parseTarget(url: string): URL | ToolError {
  try {
    return new URL(url);
  } catch {
    return toolError(`"${url}" is not a valid address.`);
  }
}

async function navigate(page: Page, url: string, refused: GuardedPage["refused"]): Promise<void> {
  try {
    await page.goto(url, { waitUntil: "load" });
  } catch (error) {
    const blocked = refused[0];
    if (blocked) throw new PageRefusedError(blocked.url, blocked.reason);
    throw error;
  }
  await settle(page);
}

async function readPage(page: Page, offset?: number): Promise<string> {
  const snapshot = await snapshotPage(page);
  const text = `# ${snapshot.title || "(untitled)"}\n${snapshot.url}\n\n${snapshot.markdown}`;
  return wrapWebContent(snapshot.url, pageWindow(text, offset));
}

async function findElement(page: Page, ref: string) {
  const selector = referenceSelector(ref);
  if (!selector) return toolError(`"${ref}" is not a page reference; they look like e12.`);
  const element = await page.$(selector);
  return (
    element ??
    toolError(`No element ${ref} on the page now: read the page again for fresh references.`)
  );
}

function refusedNote(refused: GuardedPage["refused"]): string {
  return refused.length
    ? `(Blocked ${refused.length} request(s) to non-public addresses, e.g. ${refused[0]?.url}.)\n`
    : "";
}

class PageRefusedError extends Error {
  constructor(url: string, reason: string) {
    super(`Refused ${url}: ${reason}.`);
  }
}

function describeFailure(error: unknown, options: PersonPageOptions): ToolError {
  if (error instanceof BrowserBusyError || error instanceof NoPageError) {
    return toolError(error.message);
  }
  if (error instanceof PageRefusedError) return toolError(error.message);
  if (error instanceof TimeoutError) {
    const seconds = Math.round(options.timeoutMs / 1000);
    return toolError(`The page did not finish loading within ${seconds} s.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return toolError(`The browser failed: ${message.slice(0, 300)}`);
}
