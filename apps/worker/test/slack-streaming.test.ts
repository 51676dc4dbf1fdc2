import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeSlack, resetFakes, SLACK_PREVIEW_CURSOR, waitFor } from "./support/fakes";
import {
  dmEvent,
  newAllowedSlackUser,
  postSlackCommand,
  postSlackEvent,
  slashCommandBody,
  unique,
} from "./support/slack-events";

beforeAll(resetFakes);
afterAll(resetFakes);

function slowAnswer(first: string, words: number): string {
  const middle = Array.from({ length: words }, (_, i) => `word${i}`).join(" ");
  return `${first} ${middle} the-last-word`;
}

describe("Slack streaming", () => {
  it("updates the placeholder as the answer is written, then finalizes it once", async () => {
    const channel = unique("D");
    await fakeModel.script([{ text: slowAnswer("Streamed", 40), chunkDelayMs: 60 }]);
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("stream")));
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    expect(answer?.text).toBe(slowAnswer("Streamed", 40));
    const updates = (await fakeSlack.calls("chat.update")).filter(
      (call) => call.params.channel === channel && call.status === 200,
    );
    const previews = updates.slice(0, -1).map((call) => String(call.params.text));
    expect(previews.length).toBeGreaterThanOrEqual(2);
    expect(previews[0]).toMatch(/^Streamed.*▍$/);
    for (const preview of previews) expect(preview.endsWith(SLACK_PREVIEW_CURSOR)).toBe(true);
    // The placeholder itself became the answer: one message, no duplicate.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeSlack.messages(channel)).toHaveLength(1);
  });

  it("shows the tool status line in the placeholder, then the answer", async () => {
    const channel = unique("D");
    await fakeModel.script([
      { toolCalls: [{ name: "current_time", arguments: {} }] },
      { text: slowAnswer("After-the-tool", 20), chunkDelayMs: 60 },
    ]);
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("tool")));
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    expect(answer?.text).toContain("the-last-word");
    const texts = (await fakeSlack.calls("chat.update"))
      .filter((call) => call.params.channel === channel && call.status === 200)
      .map((call) => String(call.params.text));
    expect(texts[0]).toBe(`using \`current_time\`…${SLACK_PREVIEW_CURSOR}`);
  });

  it("keeps updating through a 429 without a burst, and the answer still lands once", async () => {
    const channel = unique("D");
    await fakeSlack.setUpdateRate({ max: 2, windowMs: 3000 });
    try {
      await fakeModel.script([{ text: slowAnswer("Limited", 40), chunkDelayMs: 80 }]);
      await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("limited")));
      const [answer] = await fakeSlack.waitForAnswers(channel, 1, 15_000);
      expect(answer?.text).toContain("the-last-word");
      const updates = (await fakeSlack.calls("chat.update")).filter(
        (call) => call.params.channel === channel,
      );
      expect(updates.some((call) => call.status === 429)).toBe(true);
      updates.forEach((call, index) => {
        const next = updates[index + 1];
        if (call.status === 429 && next) expect(next.at - call.at).toBeGreaterThanOrEqual(900);
      });
      expect(await fakeSlack.messages(channel)).toHaveLength(1);
    } finally {
      await resetFakes();
    }
  });

  it("keeps previews from notifying anyone or unfurling a link the model wrote", async () => {
    const channel = unique("D");
    await fakeModel.script([
      {
        text: `Hey <!channel> and @here, see https://collector.example/?d=secret ${slowAnswer("x", 20)}`,
        chunkDelayMs: 60,
      },
    ]);
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("mentions")));
    await fakeSlack.waitForAnswers(channel, 1);
    const previews = (await fakeSlack.calls("chat.update")).filter(
      (call) =>
        call.params.channel === channel && String(call.params.text).endsWith(SLACK_PREVIEW_CURSOR),
    );
    expect(previews.length).toBeGreaterThanOrEqual(1);
    for (const preview of previews) {
      expect(String(preview.params.text)).not.toContain("<!channel>");
      expect(String(preview.params.text)).not.toContain("@here");
      expect(preview.params).toMatchObject({ unfurl_links: false, unfurl_media: false });
    }
  });

  it("/agent stop leaves what was written in the placeholder, marked (stopped)", async () => {
    const channel = unique("D");
    const user = newAllowedSlackUser();
    await fakeModel.script([{ text: slowAnswer("Partial", 80), chunkDelayMs: 100 }]);
    await postSlackEvent(dmEvent(user, channel, unique("stop-me")));
    await waitFor(
      () => fakeSlack.messages(channel),
      (messages) => messages.some((m) => m.text.includes("word5")),
      "a preview with some of the answer",
    );
    await postSlackCommand(slashCommandBody(user, channel, "stop", "T123ABC456"));
    const messages = await waitFor(
      () => fakeSlack.messages(channel),
      (found) => found.some((m) => m.text.endsWith("(stopped)")),
      "the stopped answer",
    );
    const stopped = messages.find((m) => m.text.endsWith("(stopped)"));
    expect(stopped?.text).toMatch(/^Partial .* \(stopped\)$/s);
    expect(stopped?.text).not.toContain("the-last-word");
  });
});
