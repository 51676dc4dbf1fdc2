import { describe, expect, it } from "vitest";
import { createThrottledPreview } from "./throttled-preview";

class RateLimited extends Error {
  constructor(readonly waitMs: number) {
    super("429");
  }
}

function recordingPreview(minIntervalMs: number, refuse?: (call: number) => Error | undefined) {
  const sent: Array<{ text: string }> = [];
  const preview = createThrottledPreview({
    minIntervalMs,
    async send(text) {
      const error = refuse?.(sent.length);
      sent.push({ text });
      if (error) throw error;
    },
    rateLimitWaitMs: (error) => (error instanceof RateLimited ? error.waitMs : undefined),
  });
  return { preview, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Polls until `done` holds, for at most two seconds (timers run late on a busy machine). */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("createThrottledPreview", () => {
  it("sends the first text at once and coalesces what comes during the wait", async () => {
    const { preview, sent } = recordingPreview(30);
    preview.show("a");
    preview.show("ab");
    preview.show("abc");
    await settle();
    expect(sent.map((s) => s.text)).toEqual(["a"]);
    await until(() => sent.length === 2);
    expect(sent.map((s) => s.text)).toEqual(["a", "abc"]);
    expect(await preview.close()).toEqual({ calls: 2, rateLimited: 0 });
  });

  it("never sends after close, even with a preview waiting", async () => {
    const { preview, sent } = recordingPreview(20);
    preview.show("a");
    await settle();
    preview.show("ab");
    await preview.close();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(sent.map((s) => s.text)).toEqual(["a"]);
  });

  it("skips to the newest text after a rate limit instead of replaying the skipped ones", async () => {
    const { preview, sent } = recordingPreview(1, (call) =>
      call === 1 ? new RateLimited(30) : undefined,
    );
    preview.show("a");
    await until(() => sent.length === 1);
    preview.show("ab");
    await until(() => sent.length === 2);
    preview.show("abc");
    preview.show("abcd");
    await until(() => sent.length === 3);
    expect(sent.map((s) => s.text)).toEqual(["a", "ab", "abcd"]);
    expect(await preview.close()).toEqual({ calls: 3, rateLimited: 1 });
  });

  it("gives up quietly on any other failure", async () => {
    const { preview, sent } = recordingPreview(1, () => new Error("forbidden"));
    preview.show("a");
    await settle();
    await settle();
    preview.show("ab");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toHaveLength(1);
    expect(await preview.close()).toEqual({ calls: 1, rateLimited: 0 });
  });
});
