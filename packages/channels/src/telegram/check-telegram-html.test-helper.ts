/**
 * A strict stand-in for Telegram's HTML parser: the tags and entities its Bot API documents,
 * balanced, with no stray `<`, `>` or `&`. Returns the problem, or undefined when valid.
 */
export function findTelegramHtmlProblem(html: string): string | undefined {
  const allowed = new Set([
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-spoiler",
    "span",
    "tg-emoji",
  ]);
  const open: string[] = [];
  const pattern =
    /<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);|[<>&]/gi;
  for (const match of html.matchAll(pattern)) {
    const [whole, closing, tag] = match;
    if (tag === undefined) {
      if (whole.length === 1) return `unescaped ${whole} at ${match.index}`;
      continue;
    }
    if (!allowed.has(tag)) return `unsupported tag <${tag}>`;
    if (closing === "") {
      if (tag === "blockquote" && open.includes("blockquote")) return "nested blockquote";
      if ((tag === "pre" || tag === "code") && open.some((t) => t === "code")) {
        return `<${tag}> inside <code>`;
      }
      open.push(tag);
    } else if (open.pop() !== tag) {
      return `unbalanced </${tag}>`;
    }
  }
  return open.length > 0 ? `unclosed <${open.join(">, <")}>` : undefined;
}

/** The text a user sees: what Telegram counts against the 4096 limit. */
export function telegramVisibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}
