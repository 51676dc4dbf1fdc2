import { describe, expect, it } from "vitest";
import { describeToolCall } from "./describe-tool-call";

describe("describeToolCall", () => {
  it("names the program of a command, never its arguments or leading variables", () => {
    expect(describeToolCall("shell", { command: "pytest -q tests/" })).toBe("running `pytest`…");
    expect(describeToolCall("shell", { command: "TOKEN=s3cret /usr/bin/curl -H x" })).toBe(
      "running `curl`…",
    );
  });

  it("names the host of a page, not its path or query", () => {
    expect(describeToolCall("web_fetch", { url: "https://example.com/a?key=secret" })).toBe(
      "reading example.com…",
    );
    expect(describeToolCall("web_fetch", { url: "not a url" })).toBe("reading a web page…");
  });

  it("keeps quoted names free of backticks and line breaks, and short", () => {
    const line = describeToolCall("read_file", { path: "dir/`evil`\nname.txt" });
    expect(line).toBe("reading `evilname.txt`…");
    const long = describeToolCall("shell", { command: "x".repeat(200) });
    expect(long.length).toBeLessThan(60);
  });

  it("does not quote a search query", () => {
    expect(describeToolCall("web_search", { query: "my private question" })).toBe(
      "searching the web…",
    );
  });
});
