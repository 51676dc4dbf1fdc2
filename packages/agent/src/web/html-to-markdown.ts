import { NodeHtmlMarkdown } from "node-html-markdown";

/** Page parts that are never reading matter. */
const IGNORED_ELEMENTS = ["script", "style", "noscript", "template", "svg", "iframe", "head"];

const converter = new NodeHtmlMarkdown({ ignore: IGNORED_ELEMENTS, maxConsecutiveNewlines: 2 });

export interface PageMarkdown {
  title: string;
  markdown: string;
}

/** Turns a page's HTML into Markdown a model reads well: headings, lists, links, no scripts. */
export function htmlToMarkdown(html: string, baseUrl?: string): PageMarkdown {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim() ?? "";
  const markdown = converter.translate(baseUrl ? absolutizeLinks(html, baseUrl) : html).trim();
  return { title: decodeEntities(title), markdown };
}

function absolutizeLinks(html: string, baseUrl: string): string {
  return html.replace(/(<a\b[^>]*?\bhref=)(["'])(.*?)\2/gi, (whole, start, quote, href) => {
    try {
      return `${start}${quote}${new URL(href, baseUrl).toString()}${quote}`;
    } catch {
      return whole;
    }
  });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
