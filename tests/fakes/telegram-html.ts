/**
 * Telegram's `parse_mode: "HTML"` parser, modelled on tdlib's `parse_html` (which the Bot API
 * server runs), so the fake rejects what Telegram rejects with the same error wording. Offsets
 * in errors are UTF-8 byte offsets and entity offsets are UTF-16 code units, as in Telegram.
 */

export interface TelegramEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export type TelegramHtmlResult =
  | { ok: true; text: string; entities: TelegramEntity[] }
  | { ok: false; error: string };

export interface TelegramHtmlOptions {
  /**
   * Real Telegram keeps an `&` that starts no known entity as a literal `&`. Strict mode (the
   * default) rejects it instead: a formatter that forgets to escape `&` also mangles user text
   * such as `&lt;`, and only strictness catches that in tests.
   */
  strictAmpersand?: boolean;
  /**
   * The Bot API documents that blockquotes can't be nested and that `pre` and `code` can't
   * contain other entities (bar `<pre><code class="language-x">`). Real Telegram accepts such
   * HTML and silently drops the inner formatting; strict mode (the default) rejects it, so a
   * formatter that emits it is caught in tests.
   */
  strictNesting?: boolean;
}

const ALLOWED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);

const ENTITY_TYPE_BY_TAG: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  span: "spoiler",
  "tg-spoiler": "spoiler",
  code: "code",
  pre: "pre",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  /** Where the tag started in the input, for error messages. */
  begin: number;
  /** Where its content starts in the output text. */
  offset: number;
  argument: string;
}

class HtmlError extends Error {}

interface ParseContext {
  html: string;
  strictAmpersand: boolean;
  strictNesting: boolean;
  byteOffset(index: number): number;
  fail(message: string): never;
}

export function parseTelegramHtml(
  html: string,
  options: TelegramHtmlOptions = {},
): TelegramHtmlResult {
  try {
    return {
      ok: true,
      ...parse(html, {
        strictAmpersand: options.strictAmpersand ?? true,
        strictNesting: options.strictNesting ?? true,
      }),
    };
  } catch (error) {
    if (error instanceof HtmlError) return { ok: false, error: error.message };
    throw error;
  }
}

function parse(html: string, strictness: Required<TelegramHtmlOptions>) {
  const ctx: ParseContext = {
    html,
    ...strictness,
    byteOffset: (index) => Buffer.byteLength(html.slice(0, index), "utf8"),
    fail: (message) => {
      throw new HtmlError(message);
    },
  };
  const { byteOffset, fail } = ctx;
  let text = "";
  const stack: OpenTag[] = [];
  const entities: TelegramEntity[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === "&") {
      const decoded = readAmpersand(ctx, i);
      text += decoded.value;
      i = decoded.end;
    } else if (c !== "<") {
      text += c;
      i += 1;
    } else if (html[i + 1] === "/") {
      if (stack.length === 0) fail(`Unexpected end tag at byte offset ${byteOffset(i)}`);
      const begin = i;
      let end = i + 2;
      while (end < html.length && !isSpace(html[end]) && html[end] !== ">") end += 1;
      const endName = html.slice(begin + 2, end).toLowerCase();
      while (end < html.length && isSpace(html[end])) end += 1;
      if (html[end] !== ">") fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
      const open = stack.pop() as OpenTag;
      if (endName !== "" && endName !== open.name) {
        fail(
          `Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${open.name}>", found "</${endName}>"`,
        );
      }
      closeEntity(open, text.length - open.offset, entities, fail);
      i = end + 1;
    } else {
      const tag = parseStartTag(ctx, i);
      if (ctx.strictNesting) checkNesting(ctx, stack, tag.open);
      stack.push({ ...tag.open, offset: text.length });
      i = tag.end;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  // A language only survives on a <pre><code class="language-x"> pair; inline code drops it.
  const cleaned = entities.map(({ language, ...entity }) =>
    entity.type === "pre" && language !== undefined ? { ...entity, language } : entity,
  );
  return { text, entities: cleaned };
}

function parseStartTag(
  ctx: ParseContext,
  begin: number,
): { open: Omit<OpenTag, "offset">; end: number } {
  const { html, byteOffset, fail } = ctx;
  const unclosed = () => fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
  let i = begin + 1;
  while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i += 1;
  if (i >= html.length) unclosed();
  const name = html.slice(begin + 1, i).toLowerCase();
  if (!ALLOWED_TAGS.has(name)) {
    fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(begin)}`);
  }
  let argument = "";
  while (html[i] !== ">") {
    while (i < html.length && isSpace(html[i])) i += 1;
    if (i >= html.length) unclosed();
    if (html[i] === ">") break;
    const nameBegin = i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== "=" && html[i] !== ">") i += 1;
    const attribute = html.slice(nameBegin, i).toLowerCase();
    if (attribute === "") {
      fail(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(begin)}`);
    }
    while (i < html.length && isSpace(html[i])) i += 1;
    if (html[i] !== "=") {
      if (name === "blockquote" && attribute === "expandable") {
        argument = "expandable";
        continue;
      }
      if (i >= html.length) unclosed();
      fail(
        `Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${byteOffset(begin)}`,
      );
    }
    i += 1;
    while (i < html.length && isSpace(html[i])) i += 1;
    if (i >= html.length) unclosed();
    const value = readAttributeValue(ctx, i);
    i = value.end;
    if (i >= html.length) unclosed();
    if (isUsefulAttribute(name, attribute, value.value)) argument = value.value;
  }
  if (name === "span" && argument !== "tg-spoiler") {
    fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
  }
  return { open: { name, begin, argument }, end: i + 1 };
}

/** Strict mode only: nesting Telegram accepts but flattens (see `strictNesting`). */
function checkNesting(ctx: ParseContext, stack: OpenTag[], tag: Omit<OpenTag, "offset">): void {
  const parent = stack.at(-1);
  // Only a <code> may sit directly in a <pre>; the code rule then covers anything deeper.
  const outer =
    (tag.name === "blockquote" && stack.find((open) => open.name === "blockquote")) ||
    stack.find((open) => open.name === "code") ||
    (parent?.name === "pre" && tag.name !== "code" ? parent : undefined);
  if (outer) {
    ctx.fail(
      `Tag "${tag.name}" at byte offset ${ctx.byteOffset(tag.begin)} can't be nested in "${outer.name}"`,
    );
  }
}

function readAttributeValue(ctx: ParseContext, start: number): { value: string; end: number } {
  const { html, byteOffset, fail } = ctx;
  let i = start;
  const quote = html[i];
  if (quote !== '"' && quote !== "'") {
    // An unquoted value is an HTML "name token": letters, digits, periods and hyphens.
    while (i < html.length && /[A-Za-z0-9.-]/.test(html[i] as string)) i += 1;
    if (i < html.length && !isSpace(html[i]) && html[i] !== ">") {
      fail(`Unexpected end of name token at byte offset ${byteOffset(start)}`);
    }
    return { value: html.slice(start, i).toLowerCase(), end: i };
  }
  i += 1;
  let value = "";
  while (i < html.length && html[i] !== quote) {
    if (html[i] === "&") {
      const decoded = readAmpersand(ctx, i);
      value += decoded.value;
      i = decoded.end;
    } else {
      value += html[i];
      i += 1;
    }
  }
  return { value, end: i < html.length ? i + 1 : i };
}

function isUsefulAttribute(tag: string, attribute: string, value: string): boolean {
  if (tag === "a") return attribute === "href";
  if (tag === "code") return attribute === "class" && value.startsWith("language-");
  if (tag === "span") return attribute === "class";
  if (tag === "tg-emoji") return attribute === "emoji-id";
  return false;
}

function closeEntity(
  open: OpenTag,
  length: number,
  entities: TelegramEntity[],
  fail: (message: string) => never,
): void {
  if (open.name === "tg-emoji") {
    if (!/^[1-9][0-9]*$/.test(open.argument)) fail("Invalid custom emoji identifier specified");
    if (length > 0) {
      entities.push({
        type: "custom_emoji",
        offset: open.offset,
        length,
        custom_emoji_id: open.argument,
      });
    }
    return;
  }
  if (length === 0) return;
  if (open.name === "a") {
    if (open.argument !== "") {
      entities.push({ type: "text_link", offset: open.offset, length, url: open.argument });
    }
    return;
  }
  if (open.name === "blockquote") {
    const type = open.argument === "expandable" ? "expandable_blockquote" : "blockquote";
    entities.push({ type, offset: open.offset, length });
    return;
  }
  const last = entities.at(-1);
  if (
    open.name === "pre" &&
    last?.type === "code" &&
    last.language !== undefined &&
    last.offset === open.offset &&
    last.length === length
  ) {
    // <pre><code class="language-x"> is one pre entity with a language, as in Telegram.
    last.type = "pre";
    return;
  }
  const entity: TelegramEntity = {
    type: ENTITY_TYPE_BY_TAG[open.name] ?? open.name,
    offset: open.offset,
    length,
  };
  if (open.name === "code" && open.argument !== "") {
    entity.language = open.argument.slice("language-".length);
  }
  entities.push(entity);
}

/** Reads the `&` at `start`: a known entity, else a literal `&` or (strict) an error. */
function readAmpersand(ctx: ParseContext, start: number): { value: string; end: number } {
  const decoded = decodeEntity(ctx.html, start, ctx.strictAmpersand);
  if (decoded) return decoded;
  if (ctx.strictAmpersand) {
    ctx.fail(
      `Unescaped "&" at byte offset ${ctx.byteOffset(start)}; a literal "&" must be sent as "&amp;"`,
    );
  }
  return { value: "&", end: start + 1 };
}

/** Returns the decoded character and the index after the entity, or undefined if none. */
function decodeEntity(
  html: string,
  start: number,
  requireSemicolon: boolean,
): { value: string; end: number } | undefined {
  const match = /^&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z]+))(;?)/.exec(
    html.slice(start, start + 16),
  );
  if (!match) return undefined;
  const [whole, hex, decimal, name, semicolon] = match;
  if (requireSemicolon && semicolon !== ";") return undefined;
  let value: string | undefined;
  if (name !== undefined) {
    value = NAMED_ENTITIES[name];
  } else {
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
    if (code > 0 && code < 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
      value = String.fromCodePoint(code);
    }
  }
  return value === undefined ? undefined : { value, end: start + whole.length };
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\v" || c === "\f";
}
