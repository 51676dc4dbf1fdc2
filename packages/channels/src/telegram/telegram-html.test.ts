import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../../../../tests/fakes/telegram-html.ts";
import { markdownToTelegramHtml, TELEGRAM_HORIZONTAL_RULE } from "./telegram-html";

function convert(markdown: string): string {
  const html = markdownToTelegramHtml(markdown);
  expect(parseTelegramHtml(html)).toMatchObject({ ok: true });
  return html;
}

describe("markdownToTelegramHtml", () => {
  it("renders emphasis, strikethrough and inline code", () => {
    expect(convert("**bold**, __also bold__, *italic*, _too_, ~~gone~~ and `x < y`")).toBe(
      "<b>bold</b>, <b>also bold</b>, <i>italic</i>, <i>too</i>, <s>gone</s> and <code>x &lt; y</code>",
    );
    expect(convert("***both***")).toBe("<i><b>both</b></i>");
  });

  it("renders fenced code with its language, and code without one as pre", () => {
    expect(convert("```ts\nif (a < b && c > d) return;\n```")).toBe(
      '<pre><code class="language-ts">if (a &lt; b &amp;&amp; c &gt; d) return;</code></pre>',
    );
    expect(convert("```\nplain\n```\n\n    indented")).toBe(
      "<pre>plain</pre>\n\n<pre>indented</pre>",
    );
    // A language Telegram could choke on is dropped rather than put into an attribute.
    expect(convert('```a"b\ncode\n```')).toBe("<pre>code</pre>");
  });

  it("renders links, keeps only web and tg links clickable, and turns images into links", () => {
    expect(convert('[docs](https://example.com/?a=1&b="2")')).toBe(
      '<a href="https://example.com/?a=1&amp;b=&quot;2&quot;">docs</a>',
    );
    expect(convert("see https://example.com/x")).toBe(
      'see <a href="https://example.com/x">https://example.com/x</a>',
    );
    expect(convert("[click](javascript:alert(1))")).toBe("click (javascript:alert(1))");
    expect(convert("[home](/index.html)")).toBe("home (/index.html)");
    expect(convert("![a cat](https://img.example/cat.png)")).toBe(
      '<a href="https://img.example/cat.png">a cat</a>',
    );
    expect(convert("[ref][r]\n\n[r]: https://ref.example")).toBe(
      '<a href="https://ref.example">ref</a>',
    );
  });

  it("turns headings into bold lines", () => {
    expect(convert("# Plan *today*\nfirst step\n\nSetext\n---")).toBe(
      "<b>Plan <i>today</i></b>\n\nfirst step\n\n<b>Setext</b>",
    );
  });

  it("turns lists into bullet and numbered lines with nested indentation", () => {
    const markdown = [
      "- one",
      "  - nested **bold**",
      "    - deeper",
      "- two",
      "",
      "3. third",
      "4. fourth",
      "",
      "- [ ] todo",
      "- [x] done",
    ].join("\n");
    expect(convert(markdown)).toBe(
      [
        "• one",
        "  • nested <b>bold</b>",
        "    • deeper",
        "• two",
        "",
        "3. third",
        "4. fourth",
        "",
        "• ☐ todo",
        "• ☑ done",
      ].join("\n"),
    );
  });

  it("renders a table as a preformatted block of its source", () => {
    expect(convert("| name | <tag> |\n|---|---|\n| a & b | 2 |")).toBe(
      "<pre>| name | &lt;tag&gt; |\n|---|---|\n| a &amp; b | 2 |</pre>",
    );
  });

  it("escapes raw HTML instead of passing it through", () => {
    expect(convert("<script>alert('x')</script>")).toBe("&lt;script&gt;alert('x')&lt;/script&gt;");
    expect(convert('click <a href="https://evil.example">here</a> <b>now</b>')).toBe(
      'click &lt;a href="https://evil.example"&gt;here&lt;/a&gt; &lt;b&gt;now&lt;/b&gt;',
    );
    expect(convert("<div>\n<img src=x onerror=alert(1)>\n</div>")).toBe(
      "&lt;div&gt;\n&lt;img src=x onerror=alert(1)&gt;\n&lt;/div&gt;",
    );
  });

  it("escapes &, < and > in plain text, including the model's own entities", () => {
    expect(convert("1 < 2 > 0 & AT&amp;T \\<not a tag\\>")).toBe(
      "1 &lt; 2 &gt; 0 &amp; AT&amp;amp;T &lt;not a tag&gt;",
    );
  });

  it("renders blockquotes, flattening nested ones, and rules as a line", () => {
    expect(convert("> quoted **text**\n> > inner\n\n---\n\nafter")).toBe(
      `<blockquote>quoted <b>text</b>\n\ninner</blockquote>\n\n${TELEGRAM_HORIZONTAL_RULE}\n\nafter`,
    );
  });

  it("keeps hard line breaks as newlines", () => {
    expect(convert("first  \nsecond\\\nthird")).toBe("first\nsecond\nthird");
  });

  it("always produces balanced, Telegram-valid HTML for awkward input", () => {
    const awkward = [
      "**unclosed bold",
      "*a **b* c**",
      "`unclosed code",
      "```\nunclosed fence",
      "[unclosed](link",
      "<b>unclosed tag",
      "> - quote\n>   ```js\n>   code <x>\n>   ```",
      "- a\n\n  > quote in list\n\n  ```\n  code in list\n  ```",
      "| a |\n|---|\n| `x` **y** |",
      "&#0; &#xD800; &lt;",
    ];
    for (const markdown of awkward) convert(markdown);
  });
});
