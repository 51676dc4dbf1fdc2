import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeSlack, resetFakes, SLACK_PREVIEW_CURSOR, waitFor } from "./support/fakes";
import {
  dmEvent,
  mentionEvent,
  newAllowedSlackUser,
  postSlackEvent,
  unique,
} from "./support/slack-events";

beforeAll(resetFakes);

const SLACK_PART_LIMIT = 4000;
const ZWSP = /\u200b/g;

describe("Slack replies", () => {
  it("shows a placeholder while working and replaces it with the answer", async () => {
    const channel = unique("D");
    await fakeModel.script([
      { text: "The **answer** is [here](https://example.com)", delayMs: 300 },
    ]);
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("placeholder")));
    const [placeholder] = await waitFor(
      () => fakeSlack.messages(channel),
      (messages) => messages.length >= 1,
      "the placeholder",
    );
    expect(placeholder?.text).toBe("Working on it…");
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    // Same message, rewritten (the live preview, then the answer): no second message appears.
    expect(answer?.ts).toBe(placeholder?.ts);
    expect(answer?.edits).toBeGreaterThanOrEqual(1);
    expect(answer?.text.replace(ZWSP, "")).toBe("The *answer* is <https://example.com|here>");
    expect(await fakeSlack.messages(channel)).toHaveLength(1);
  });

  it("splits a long answer under 4000 characters without breaking its code block", async () => {
    const channel = unique("C");
    const code = Array.from({ length: 200 }, (_, i) => `console.log("line ${i}");`).join("\n");
    const prose = Array.from({ length: 50 }, (_, i) => `Paragraph ${i}: ${"words ".repeat(20)}`);
    await fakeModel.script([
      { text: `${prose.join("\n\n")}\n\n\`\`\`js\n${code}\n\`\`\`\n\nThe end.` },
    ]);
    const mention = mentionEvent(newAllowedSlackUser(), channel, unique("long"));
    await postSlackEvent(mention);
    const parts = await waitFor(
      () => fakeSlack.messages(channel),
      (messages) =>
        messages.some((m) => m.text.includes("The end.") && !m.text.endsWith(SLACK_PREVIEW_CURSOR)),
      "the last part of the long answer",
    );
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      expect(part.text.length).toBeLessThan(SLACK_PART_LIMIT);
      expect(part.text.split("```").length % 2).toBe(1);
      expect(part.threadTs).toBe(mention.event.ts);
    }
    const all = parts.map((p) => p.text).join("\n");
    expect(all).toContain("Paragraph 0:");
    expect(all).toContain('console.log("line 199");');
  });

  it("waits out a 429 with Retry-After and then delivers once", async () => {
    const channel = unique("D");
    await fakeSlack.fail({ method: "chat.postMessage", status: 429, retryAfter: 1 });
    const marker = unique("limited");
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, marker));
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    expect(answer?.text).toContain(`echo: ${marker}`);
    const posts = (await fakeSlack.calls("chat.postMessage")).filter(
      (call) => call.params.channel === channel,
    );
    // The placeholder post was the one limited; it went out after the wait, and the answer
    // replaced it.
    expect(posts.map((call) => call.status)).toEqual([429, 200]);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(await fakeSlack.messages(channel)).toHaveLength(1);
  });

  it("retries a failed delivery later without a duplicate", async () => {
    const channel = unique("D");
    const marker = unique("outage");
    // The answer's chat.update (after the live preview's) fails once; the outbox retries it.
    await fakeSlack.fail({ method: "chat.update", status: 500, after: 1 });
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, marker));
    const [answer] = await fakeSlack.waitForAnswers(channel, 1, 15_000);
    expect(answer?.text).toContain(`echo: ${marker}`);
    const updates = (await fakeSlack.calls("chat.update")).filter(
      (call) => call.params.channel === channel,
    );
    expect(updates.map((call) => call.status).slice(-2)).toEqual([500, 200]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeSlack.messages(channel)).toHaveLength(1);
  });

  it("resumes a multi-part reply after the part that failed, posting no part twice", async () => {
    const channel = unique("D");
    const parts = ["first", "second", "third"].map((name) => `${name}-part ${"x".repeat(3000)}`);
    await fakeModel.script([{ text: parts.join("\n\n") }]);
    // Placeholder post and the second part's post succeed; the third part's post fails once.
    await fakeSlack.fail({
      method: "chat.postMessage",
      status: 200,
      error: "internal_error",
      after: 2,
    });
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("multi")));
    const messages = await waitFor(
      () => fakeSlack.messages(channel),
      (found) => found.length >= 3,
      "three parts",
      15_000,
    );
    expect(messages.map((m) => m.text.split(" ")[0])).toEqual([
      "first-part",
      "second-part",
      "third-part",
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeSlack.messages(channel)).toHaveLength(3);
  });

  it("gives up on a permanent Slack error instead of retrying forever", async () => {
    const channel = unique("D");
    await fakeSlack.fail({
      method: "chat.postMessage",
      status: 200,
      error: "channel_not_found",
      times: 2,
    });
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("gone")));
    await waitFor(
      async () =>
        (await fakeSlack.calls("chat.postMessage")).filter((c) => c.params.channel === channel),
      (calls) => calls.length >= 2,
      "the placeholder and the answer attempts",
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const attempts = (await fakeSlack.calls("chat.postMessage")).filter(
      (call) => call.params.channel === channel,
    );
    expect(attempts.map((call) => call.error)).toEqual(["channel_not_found", "channel_not_found"]);
  });
});
