import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeTelegram, resetFakes, waitFor } from "./support/fakes";
import { groupUpdate, newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);
afterAll(resetFakes);

/** An answer the fake model streams a word at a time, `chunkDelayMs` apart. */
function slowAnswer(first: string, words: number): string {
  const middle = Array.from({ length: words }, (_, i) => `word${i}`).join(" ");
  return `${first} ${middle} the-last-word`;
}

async function say(person: number, text: string) {
  const response = await postTelegramUpdate(privateTextUpdate(person, text));
  expect(response.status).toBe(200);
}

describe("Telegram streaming", () => {
  it("shows drafts of the answer in a private chat, then sends the final message once", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([{ text: slowAnswer("Streamed", 40), chunkDelayMs: 60 }]);
    await say(person, "stream please");
    const [final] = await fakeTelegram.waitForMessages(person, 1);
    expect(final?.params.text).toContain("the-last-word");
    const drafts = await fakeTelegram.draftsTo(person);
    const shown = drafts.filter((draft) => draft.status === 200);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(String(shown[0]?.params.text)).toContain("Streamed");
    expect(String(shown[0]?.params.text)).not.toContain("the-last-word");
    // One bubble, animated: every draft has the turn's draft id; all come before the answer.
    expect(new Set(drafts.map((draft) => draft.params.draft_id)).size).toBe(1);
    for (const draft of drafts) expect(draft.at).toBeLessThanOrEqual(final?.at ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeTelegram.sentTo(person)).toHaveLength(1);
    expect(await fakeTelegram.draftsTo(person)).toHaveLength(drafts.length);
  });

  it("gives a group the final message only", async () => {
    const person = newAllowedPersonId();
    const groupChat = -1000000000000 - person;
    await fakeModel.script([{ text: slowAnswer("Group", 20), chunkDelayMs: 40 }]);
    await postTelegramUpdate(groupUpdate("mention", person, groupChat));
    const [final] = await fakeTelegram.waitForMessages(groupChat, 1);
    expect(final?.params.text).toContain("the-last-word");
    expect(await fakeTelegram.draftsTo(groupChat)).toEqual([]);
  });

  it("skips ahead after a 429 instead of bursting, and still delivers the answer once", async () => {
    const person = newAllowedPersonId();
    await fakeTelegram.setDraftRate({ max: 1, windowMs: 2500 });
    try {
      await streamUnderRateLimit(person);
    } finally {
      await resetFakes();
    }
  });

  it("stops drafting when Telegram refuses a draft, and still sends the answer once", async () => {
    const person = newAllowedPersonId();
    await fakeTelegram.fail({
      method: "sendMessageDraft",
      status: 400,
      description: "Bad Request: TEXTDRAFT_PEER_INVALID",
    });
    await fakeModel.script([{ text: slowAnswer("Refused", 30), chunkDelayMs: 60 }]);
    await say(person, "no drafts for me");
    const [final] = await fakeTelegram.waitForMessages(person, 1);
    expect(final?.params.text).toContain("the-last-word");
    const drafts = await fakeTelegram.draftsTo(person);
    expect(drafts.map((draft) => draft.status)).toEqual([400]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeTelegram.sentTo(person)).toHaveLength(1);
  });

  it("shows one status line while a tool runs, replaced by the answer", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([
      { toolCalls: [{ name: "current_time", arguments: {} }] },
      { text: slowAnswer("After-the-tool", 30), chunkDelayMs: 60 },
    ]);
    await say(person, "what time is it, slowly");
    const [final] = await fakeTelegram.waitForMessages(person, 1);
    const texts = (await fakeTelegram.draftsTo(person))
      .filter((draft) => draft.status === 200)
      .map((draft) => String(draft.params.text));
    expect(texts[0]).toBe("using <code>current_time</code>…");
    expect(texts.at(-1)).toContain("After-the-tool");
    expect(String(final?.params.text)).not.toContain("current_time");
  });

  it("/stop keeps what was written, marked (stopped)", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([{ text: slowAnswer("Partial", 80), chunkDelayMs: 100 }]);
    await say(person, "stop me midway");
    await waitFor(
      () => fakeTelegram.draftsTo(person),
      (drafts) => drafts.some((draft) => String(draft.params.text).includes("word5")),
      "a draft with some of the answer",
    );
    await say(person, "/stop");
    const messages = await fakeTelegram.waitForMessages(person, 2);
    const texts = messages.map((message) => String(message.params.text));
    expect(texts).toContain("Stopped.");
    const partial = texts.find((text) => text !== "Stopped.");
    expect(partial).toMatch(/^Partial .* \(stopped\)$/s);
    expect(partial).not.toContain("the-last-word");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await fakeTelegram.sentTo(person)).toHaveLength(2);
  });
});

async function streamUnderRateLimit(person: number) {
  await fakeModel.script([{ text: slowAnswer("Limited", 40), chunkDelayMs: 100 }]);
  await say(person, "rate limited stream");
  const [final] = await fakeTelegram.waitForMessages(person, 1, 15_000);
  expect(final?.params.text).toContain("the-last-word");
  const drafts = await fakeTelegram.draftsTo(person);
  expect(drafts.some((draft) => draft.status === 429)).toBe(true);
  // After each 429 the next draft waits out retry_after (2 s here) rather than following at
  // once, and the drafts skipped meanwhile are never sent.
  drafts.forEach((draft, index) => {
    const next = drafts[index + 1];
    if (draft.status === 429 && next) {
      expect(next.at - draft.at).toBeGreaterThanOrEqual(1800);
    }
  });
  expect(drafts.length).toBeLessThanOrEqual(6);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await fakeTelegram.sentTo(person)).toHaveLength(1);
}
