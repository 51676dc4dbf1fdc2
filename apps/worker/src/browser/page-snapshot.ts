import type { Page } from "@cloudflare/puppeteer";
import { htmlToMarkdown } from "@molt/agent";
import { z } from "zod";

/** More references than this on one page are left unnumbered: the model cannot use them all. */
export const MAX_PAGE_REFERENCES = 400;
export const REFERENCE_ATTRIBUTE = "data-molt-ref";

/**
 * Runs in the page. Numbers the visible links and controls (`data-molt-ref="e12"`), then returns
 * a copy of the body where each one carries its reference, marked with ⟦ ⟧ so the Markdown
 * converter leaves it unescaped. A string, not a function: the bundler's helpers (`__name`)
 * would not exist inside the page.
 */
const SNAPSHOT_SCRIPT = `(() => {
  const ATTR = ${JSON.stringify(REFERENCE_ATTRIBUTE)};
  for (const el of document.querySelectorAll("[" + ATTR + "]")) el.removeAttribute(ATTR);
  const selector = 'a[href], button, input:not([type=hidden]), textarea, select, summary, [role=button], [role=link], [role=checkbox], [role=tab], [role=menuitem], [onclick], [contenteditable="true"]';
  const roleOf = (el) => {
    const tag = el.tagName.toLowerCase();
    if (el.getAttribute("role")) return el.getAttribute("role");
    if (tag === "a") return "link";
    if (tag === "textarea") return "textbox";
    if (tag === "select") return "select";
    if (tag === "input") return ["checkbox", "radio", "submit", "button", "reset"].includes(el.type) ? el.type : "textbox";
    return "button";
  };
  const nameOf = (el) => (el.getAttribute("aria-label") || el.innerText || el.value ||
    el.getAttribute("placeholder") || el.getAttribute("title") || el.getAttribute("name") || "")
    .trim().replace(/\\s+/g, " ").slice(0, 80);
  const items = new Map();
  let count = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (count >= ${MAX_PAGE_REFERENCES}) break;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if ((rect.width === 0 && rect.height === 0) || style.visibility === "hidden") continue;
    const ref = "e" + ++count;
    el.setAttribute(ATTR, ref);
    items.set(ref, { role: roleOf(el), name: nameOf(el), long: (el.innerText || "").length > 80 });
  }
  const clone = (document.body || document.createElement("body")).cloneNode(true);
  for (const el of clone.querySelectorAll("script,style,noscript,template,svg")) el.remove();
  for (const el of clone.querySelectorAll("[" + ATTR + "]")) {
    const ref = el.getAttribute(ATTR);
    const item = items.get(ref);
    if (!item) continue;
    if (item.role === "link" || item.long) {
      el.before(document.createTextNode(" \\u27e6" + ref + "\\u27e7 " + (item.role === "link" ? "" : item.role + ": ")));
    } else {
      el.replaceWith(document.createTextNode(" \\u27e6" + ref + "\\u27e7 " + item.role + ' "' + item.name + '" '));
    }
  }
  return { url: location.href, title: document.title, html: clone.innerHTML };
})()`;

const snapshotSchema = z.object({ url: z.string(), title: z.string(), html: z.string() });

export interface PageSnapshot {
  url: string;
  title: string;
  /** The page as Markdown, every link and control preceded by its reference, e.g. `[e12]`. */
  markdown: string;
}

/** Reads the page as it is rendered now, numbering what the model can click or type into. */
export async function snapshotPage(page: Page): Promise<PageSnapshot> {
  const raw = snapshotSchema.parse(await page.evaluate(SNAPSHOT_SCRIPT));
  const { markdown } = htmlToMarkdown(raw.html, raw.url);
  return {
    url: raw.url,
    title: raw.title,
    markdown: markdown.replace(/\u27e6(e\d+)\u27e7/g, "[$1]"),
  };
}

/** The CSS selector of a reference the model took from a snapshot. */
export function referenceSelector(ref: string): string | undefined {
  const match = /^\[?(e\d+)\]?$/.exec(ref.trim());
  return match ? `[${REFERENCE_ATTRIBUTE}="${match[1]}"]` : undefined;
}
