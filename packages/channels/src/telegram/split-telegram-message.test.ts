import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../../../../tests/fakes/telegram-html.ts";
import { splitMarkdownForTelegram, type TelegramMessageChunk } from "./split-telegram-message";
import { markdownToTelegramHtml } from "./telegram-html";

const FENCE_LINE = /^\s*(`{3,}|~{3,})/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function split(markdown: string, limit?: number): TelegramMessageChunk[] {
  const chunks = splitMarkdownForTelegram(markdown, limit);
  for (const chunk of chunks) {
    expect(chunk.html.length).toBeLessThanOrEqual(limit ?? 4096);
    expect(chunk.html).not.toBe("");
    expect(parseTelegramHtml(chunk.html)).toMatchObject({ ok: true });
    expect(chunk.markdown).not.toMatch(LONE_SURROGATE);
    const fences = chunk.markdown.split("\n").filter((line) => FENCE_LINE.test(line));
    expect(fences.length % 2).toBe(0);
  }
  return chunks;
}

function paragraph(index: number): string {
  return `Paragraph ${index}: ${"the <quick> brown fox & its **friends** jump. ".repeat(9).trim()}`;
}

function codeLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `    total += values[${i}] * weight  # <${i}>`);
}

describe("splitMarkdownForTelegram", () => {
  it("keeps a short reply in one chunk", () => {
    const markdown = "# Hi\n\nShort **answer** with `code`.";
    expect(split(markdown)).toEqual([{ markdown, html: markdownToTelegramHtml(markdown) }]);
  });

  it("returns no chunks for blank text", () => {
    expect(split("  \n\n \n")).toEqual([]);
  });

  it("splits 20,000 characters of prose at paragraph boundaries, losing nothing", () => {
    const paragraphs = Array.from({ length: 50 }, (_, i) => paragraph(i));
    const markdown = paragraphs.join("\n\n");
    expect(markdown.length).toBeGreaterThan(20_000);
    const chunks = split(markdown);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((chunk) => chunk.markdown).join("\n\n") === markdown).toBe(true);
    for (const chunk of chunks) {
      for (const part of chunk.markdown.split("\n\n")) expect(paragraphs).toContain(part);
    }
  });

  it("keeps a code block whole when it fits in a chunk of its own", () => {
    const code = ["```js", ...codeLines(60), "```"].join("\n");
    const markdown = [paragraph(1), paragraph(2), paragraph(3), paragraph(4), code, "Done."].join(
      "\n\n",
    );
    const chunks = split(markdown);
    expect(chunks.filter((chunk) => chunk.markdown.includes(code))).toHaveLength(1);
    expect(chunks.map((chunk) => chunk.markdown).join("\n\n")).toBe(markdown);
  });

  it("splits a 10,000-character code block at lines, reopening the fence with its language", () => {
    const lines = codeLines(260);
    const markdown = `Here is the script:\n\n\`\`\`python\n${lines.join("\n")}\n\`\`\`\n\nRun it twice.`;
    expect(lines.join("\n").length).toBeGreaterThan(10_000);
    const chunks = split(markdown);
    expect(chunks.length).toBeGreaterThan(2);
    const codeChunks = chunks.filter((chunk) => chunk.markdown.includes("```python"));
    expect(codeChunks).toHaveLength(chunks.length);
    for (const chunk of chunks) {
      expect(chunk.html).toContain('<pre><code class="language-python">');
    }
    const bodies = chunks.flatMap((chunk) =>
      chunk.markdown.split("\n").filter((line) => line.startsWith("    total")),
    );
    expect(bodies).toEqual(lines);
    expect(chunks[0]?.markdown.startsWith("Here is the script:")).toBe(true);
    expect(chunks.at(-1)?.markdown.endsWith("```\n\nRun it twice.")).toBe(true);
  });

  it("uses a longer fence when the code itself contains a fence", () => {
    const inner = Array.from({ length: 200 }, (_, i) => `step ${i}: echo "\`\`\`" > file${i}.md`);
    const markdown = `\`\`\`\`sh\n${inner.join("\n")}\n\`\`\`\``;
    const chunks = split(markdown);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks)
      expect(chunk.html.startsWith('<pre><code class="language-sh">')).toBe(true);
  });

  it("splits a long list at line boundaries", () => {
    const items = Array.from({ length: 400 }, (_, i) => `- item ${i} with **bold** text`);
    const chunks = split(items.join("\n"));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((chunk) => chunk.markdown.split("\n"))).toEqual(items);
    for (const chunk of chunks) expect(chunk.html.startsWith("• item")).toBe(true);
  });

  it("repeats a long table's header in every chunk so each renders as a table", () => {
    const rows = Array.from({ length: 300 }, (_, i) => `| row ${i} | value <${i}> |`);
    const chunks = split(`| name | value |\n|---|---|\n${rows.join("\n")}`);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.html.startsWith("<pre>| name | value |")).toBe(true);
    expect(chunks.flatMap((chunk) => chunk.markdown.split("\n").slice(2))).toEqual(rows);
  });

  it("hard-splits a single line that is too long, preferring spaces", () => {
    const line = "lorem ipsum dolor ".repeat(700).trim();
    const chunks = split(line);
    expect(chunks.length).toBeGreaterThan(2);
    // Compared as booleans: a failure would otherwise print 12,000 characters twice.
    expect(chunks.map((chunk) => chunk.markdown).join("") === line).toBe(true);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.markdown.endsWith(" ")).toBe(true);
  });

  it("hard-splits a line whose escaping makes the HTML longer than the text", () => {
    const chunks = split("&<>".repeat(3000));
    expect(chunks.map((chunk) => chunk.markdown).join("") === "&<>".repeat(3000)).toBe(true);
  });

  it("never cuts an emoji in half", () => {
    const chunks = split("😀".repeat(5000));
    expect(chunks.map((chunk) => chunk.markdown).join("") === "😀".repeat(5000)).toBe(true);
  });

  it("honours a smaller limit", () => {
    const markdown = Array.from({ length: 10 }, (_, i) => paragraph(i)).join("\n\n");
    const chunks = split(markdown, 300);
    expect(chunks.length).toBeGreaterThan(10);
  });

  it("keeps reference-style links working in every chunk", () => {
    const markdown = [
      ...Array.from({ length: 12 }, (_, i) => paragraph(i)),
      "See [the docs][docs].",
      "[docs]: https://docs.example/guide",
    ].join("\n\n");
    const chunks = split(markdown);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.at(-1)?.html).toContain('<a href="https://docs.example/guide">the docs</a>');
  });

  it("rejects a limit too small to split reliably", () => {
    expect(() => splitMarkdownForTelegram("text", 100)).toThrow(RangeError);
  });
});
