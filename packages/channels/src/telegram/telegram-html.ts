import { Lexer, type MarkedToken, type Token, type Tokens } from "marked";

/** Stands in for `<hr>`, which Telegram has no tag for. */
export const TELEGRAM_HORIZONTAL_RULE = "──────────";
const LIST_INDENT = "  ";
// Telegram's link entities only accept these; anything else is shown as text instead of being
// rejected by the API (or worse, turned into a `javascript:` link by a future client).
const LINKABLE_URL = /^(https?:\/\/|tg:\/\/)/i;
const CODE_LANGUAGE = /^[A-Za-z0-9_+#.-]{1,32}$/;

interface RenderContext {
  /** Telegram rejects nested blockquotes, so inner ones are flattened into the outer one. */
  inQuote: boolean;
}

/**
 * Renders model Markdown as the small HTML subset Telegram's `parse_mode: "HTML"` accepts.
 * Every tag is opened and closed by the same function call, and all text goes through
 * `escapeTelegramHtml`, so the result is balanced and never carries markup from the input.
 */
export function markdownToTelegramHtml(markdown: string): string {
  const tokens = Lexer.lex(markdown, { gfm: true });
  return renderBlocks(tokens, { inQuote: false }).trim();
}

export function escapeTelegramHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeTelegramHtml(text).replaceAll('"', "&quot;");
}

function renderBlocks(tokens: readonly Token[], context: RenderContext): string {
  return tokens
    .map((token) => renderBlock(token, context))
    .filter((html) => html !== "")
    .join("\n\n");
}

function renderBlock(token: Token, context: RenderContext): string {
  const block = token as MarkedToken;
  switch (block.type) {
    case "space":
    case "def":
    case "checkbox":
      return "";
    case "paragraph":
      return renderInline(block.tokens);
    case "text":
      // Block-level text is how tight list items hold their inline content.
      return block.tokens ? renderInline(block.tokens) : escapeTelegramHtml(block.raw.trim());
    case "heading":
      return `<b>${renderInline(block.tokens)}</b>`;
    case "code":
      return renderCodeBlock(block);
    case "blockquote":
      if (context.inQuote) return renderBlocks(block.tokens, context);
      return `<blockquote>${renderBlocks(block.tokens, { inQuote: true })}</blockquote>`;
    case "list":
      return renderList(block, 0, context);
    case "table":
      // Telegram has no tables; a monospace block keeps the columns readable.
      return `<pre>${escapeTelegramHtml(block.raw.trim())}</pre>`;
    case "hr":
      return TELEGRAM_HORIZONTAL_RULE;
    default:
      // Raw HTML blocks and anything marked may add later: shown as the text the model wrote.
      return escapeTelegramHtml(token.raw.trim());
  }
}

function renderCodeBlock(token: Tokens.Code): string {
  if (token.text === "") return "";
  const code = escapeTelegramHtml(token.text);
  const language = token.lang?.trim().split(/\s+/)[0];
  if (language && CODE_LANGUAGE.test(language)) {
    return `<pre><code class="language-${language}">${code}</code></pre>`;
  }
  return `<pre>${code}</pre>`;
}

function renderList(list: Tokens.List, depth: number, context: RenderContext): string {
  const start = typeof list.start === "number" ? list.start : 1;
  return list.items
    .map((item, index) => {
      const marker = list.ordered ? `${start + index}.` : "•";
      const checkbox = item.task ? (item.checked ? "☑ " : "☐ ") : "";
      const prefix = `${LIST_INDENT.repeat(depth)}${marker} ${checkbox}`;
      return prefix + renderListItem(item, depth, context);
    })
    .join("\n");
}

function renderListItem(item: Tokens.ListItem, depth: number, context: RenderContext): string {
  const parts: string[] = [];
  for (const token of item.tokens) {
    const html =
      token.type === "list"
        ? renderList(token as Tokens.List, depth + 1, context)
        : renderBlock(token, context);
    if (html !== "") parts.push(html);
  }
  return parts.join("\n");
}

function renderInline(tokens: readonly Token[]): string {
  return tokens.map(renderInlineToken).join("");
}

function renderInlineToken(token: Token): string {
  const inline = token as MarkedToken;
  switch (inline.type) {
    case "text":
      // `raw`, not `text`: marked decodes numeric character references in `text` only, which
      // would make `&` handling depend on the rest of the line. The model's text is shown as is.
      return inline.tokens ? renderInline(inline.tokens) : escapeTelegramHtml(inline.raw);
    case "escape":
      return escapeTelegramHtml(inline.text);
    case "strong":
      return `<b>${renderInline(inline.tokens)}</b>`;
    case "em":
      return `<i>${renderInline(inline.tokens)}</i>`;
    case "del":
      return `<s>${renderInline(inline.tokens)}</s>`;
    case "codespan":
      return `<code>${escapeTelegramHtml(inline.text)}</code>`;
    case "br":
      return "\n";
    case "link":
      return renderLink(inline.href, renderInline(inline.tokens));
    case "image":
      // Telegram cannot inline images in a text message; a link still gets the user there.
      return renderLink(inline.href, escapeTelegramHtml(inline.text));
    case "checkbox":
      return "";
    default:
      return escapeTelegramHtml(token.raw);
  }
}

function renderLink(href: string, innerHtml: string): string {
  const label = innerHtml === "" ? escapeTelegramHtml(href) : innerHtml;
  if (LINKABLE_URL.test(href)) return `<a href="${escapeAttribute(href)}">${label}</a>`;
  const target = href.replace(/^mailto:/i, "");
  if (target === "" || escapeTelegramHtml(target) === label) return label;
  return `${label} (${escapeTelegramHtml(target)})`;
}
