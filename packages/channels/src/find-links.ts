/** How many of the person's links a reply address keeps; more would only bloat every outbox row. */
export const MAX_LINKS_FROM_SENDER = 10;

/** `http(s)` URLs in plain text, Markdown or Slack's `<url|label>`; trailing punctuation is prose. */
const LINK_PATTERN = /https?:\/\/[^\s<>|"'`()[\]{}]+/gi;

/** The links in `text`, in order, without repeats. */
export function findLinks(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(LINK_PATTERN)) {
    found.add(match[0].replace(/[.,;:!?*_~]+$/, ""));
  }
  return [...found];
}

/**
 * The links a person wrote, kept on the reply address: a reply may preview these (the person
 * chose them), never a link only the model wrote, which could carry data in its query.
 */
export function linksFromSender(text: string): { linksFromSender?: string[] } {
  const links = findLinks(text).slice(0, MAX_LINKS_FROM_SENDER);
  return links.length > 0 ? { linksFromSender: links } : {};
}
