import { describe, expect, it } from "vitest";
import { findLinks, linksFromSender, MAX_LINKS_FROM_SENDER } from "./find-links";

describe("findLinks", () => {
  it("finds links in prose, Markdown and Slack's angle brackets", () => {
    expect(
      findLinks(
        "see https://a.example/x?q=1. and [b](https://b.example/y) or <https://c.example/z|c>",
      ),
    ).toEqual(["https://a.example/x?q=1", "https://b.example/y", "https://c.example/z"]);
  });

  it("keeps a person's links up to the cap, and nothing for text without links", () => {
    const many = Array.from({ length: 20 }, (_, i) => `https://e.example/${i}`).join(" ");
    expect(linksFromSender(many).linksFromSender).toHaveLength(MAX_LINKS_FROM_SENDER);
    expect(linksFromSender("no links here")).toEqual({});
  });
});
