import { describe, expect, it } from "vitest";
import { markdownToSlackMrkdwn, SLACK_MESSAGE_LIMIT, splitMarkdownForSlack } from "./slack-mrkdwn";

const ZWSP = "\u200b";

describe("markdownToSlackMrkdwn", () => {
  it("converts bold, italic, links, lists and code blocks", () => {
    const mrkdwn = markdownToSlackMrkdwn(
      "Some **bold** and *it*, a [link](https://example.com/a?b=1)\n\n- one\n- two\n\n```js\nconst x = **y**;\n```",
    ).replaceAll(ZWSP, "");
    expect(mrkdwn).toContain("*bold*");
    expect(mrkdwn).toContain("_it_");
    expect(mrkdwn).toContain("<https://example.com/a?b=1|link>");
    expect(mrkdwn).toMatch(/•\s+one\n•\s+two/);
    // Inside a code block nothing is converted.
    expect(mrkdwn).toContain("```\nconst x = **y**;\n```");
  });

  it("escapes the characters Slack reserves for its own markup", () => {
    expect(markdownToSlackMrkdwn("a & b")).toBe("a &amp; b");
  });
});

describe("splitMarkdownForSlack", () => {
  it("keeps a short answer in one message", () => {
    expect(splitMarkdownForSlack("Hello **there**")).toHaveLength(1);
  });

  it("splits a long answer under the limit without leaving a code fence open", () => {
    const code = Array.from({ length: 400 }, (_, i) => `print("line ${i}")`).join("\n");
    const prose = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${"words ".repeat(30)}`);
    const chunks = splitMarkdownForSlack(
      `${prose.join("\n\n")}\n\n\`\`\`py\n${code}\n\`\`\`\n\nEnd.`,
    );
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.mrkdwn.length).toBeLessThanOrEqual(SLACK_MESSAGE_LIMIT);
      expect(chunk.mrkdwn.split("```").length % 2).toBe(1);
    }
    const all = chunks.map((chunk) => chunk.mrkdwn).join("\n");
    expect(all).toContain('print("line 0")');
    expect(all).toContain('print("line 399")');
    expect(all).toContain("End.");
  });
});
