import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../fakes/telegram-html.ts";

describe("parseTelegramHtml", () => {
  it("accepts every tag Telegram supports and reports entities like Telegram", () => {
    const html = [
      "<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>n</ins>",
      "<s>s</s> <strike>k</strike> <del>d</del>",
      '<span class="tg-spoiler">sp</span> <tg-spoiler>t</tg-spoiler>',
      '<a href="https://example.com/?a=1&amp;b=2">link</a> <code>x &lt; y</code>',
      '<pre><code class="language-ts">const a = 1;</code></pre>',
      "<blockquote>q</blockquote> <blockquote expandable>more</blockquote>",
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &#128512; &#x41; &quot;&gt;&amp;',
      "<B>upper case tags work</B> <b>closed by</>",
    ].join("\n");
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.text).toContain("x < y");
    expect(parsed.text).toContain('😀 A ">&');
    const types = parsed.entities.map((entity) => entity.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "text_link",
        "code",
        "pre",
        "blockquote",
        "expandable_blockquote",
        "custom_emoji",
      ]),
    );
    expect(parsed.entities.find((e) => e.type === "text_link")?.url).toBe(
      "https://example.com/?a=1&b=2",
    );
    expect(parsed.entities.find((e) => e.type === "pre")).toMatchObject({ language: "ts" });
  });

  it("uses UTF-16 offsets for entities", () => {
    const parsed = parseTelegramHtml("😀 <b>hi</b>");
    expect(parsed).toEqual({
      ok: true,
      text: "😀 hi",
      entities: [{ type: "bold", offset: 3, length: 2 }],
    });
  });

  it.each([
    ["<div>x</div>", 'Unsupported start tag "div" at byte offset 0'],
    ["é<br/>", 'Unsupported start tag "br/" at byte offset 2'],
    ["<b>x", 'Can\'t find end tag corresponding to start tag "b"'],
    ["<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ["x</b>", "Unexpected end tag at byte offset 1"],
    ["<b", "Unclosed start tag at byte offset 0"],
    ['<a href="https://x', "Unclosed start tag at byte offset 0"],
    ["<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["<b class>x</b>", 'Expected equal sign in declaration of an attribute of the tag "b"'],
    ["a & b", 'Unescaped "&" at byte offset 2'],
    ["&nbsp;", 'Unescaped "&" at byte offset 0'],
    ["&lt", 'Unescaped "&" at byte offset 0'],
    ['<a href="https://x.test/?a=1&lt=2">x</a>', 'Unescaped "&" at byte offset 28'],
    ["a < b", 'Unsupported start tag "" at byte offset 2'],
  ])("rejects %j", (html, error) => {
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  it.each([
    ["<blockquote>a<blockquote>b</blockquote></blockquote>", '"blockquote" at byte offset 13'],
    ["<blockquote>a<blockquote expandable>b</blockquote></blockquote>", '"blockquote" at byte'],
    ["<code>a<pre>b</pre></code>", 'Tag "pre" at byte offset 7 can\'t be nested in "code"'],
    ["<code><code>x</code></code>", 'Tag "code" at byte offset 6 can\'t be nested in "code"'],
    ["<code><b>x</b></code>", 'Tag "b" at byte offset 6 can\'t be nested in "code"'],
    ['<pre><code class="language-ts"><i>x</i></code></pre>', 'Tag "i" at byte offset 31'],
    ["<pre><b>x</b></pre>", 'Tag "b" at byte offset 5 can\'t be nested in "pre"'],
  ])("rejects nesting the Bot API does not support: %j", (html, error) => {
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
    expect(parseTelegramHtml(html, { strictNesting: false }).ok).toBe(true);
  });

  it("allows the nesting Telegram keeps", () => {
    const html = [
      '<pre><code class="language-ts">a</code></pre> <pre><code>b</code></pre>',
      "<blockquote><b>c</b> <code>d</code><pre>e</pre></blockquote>",
      '<b><code>f</code></b> <a href="https://x.test"><code>g</code></a>',
      "<blockquote>h</blockquote><blockquote expandable>i</blockquote>",
    ].join("\n");
    expect(parseTelegramHtml(html)).toMatchObject({ ok: true });
  });

  it("passes an unknown & through in lenient mode, as real Telegram does", () => {
    expect(parseTelegramHtml("AT&T &nbsp;", { strictAmpersand: false })).toEqual({
      ok: true,
      text: "AT&T &nbsp;",
      entities: [],
    });
  });
});
