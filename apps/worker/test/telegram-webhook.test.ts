import { beforeAll, describe, expect, it } from "vitest";
import callbackQuery from "../../../tests/fixtures/telegram/callback-query.json";
import channelPost from "../../../tests/fixtures/telegram/channel-post.json";
import editedMessage from "../../../tests/fixtures/telegram/edited-message.json";
import forumTopic from "../../../tests/fixtures/telegram/forum-topic-message.json";
import { fakeModel, fakeTelegram, resetFakes } from "./support/fakes";
import {
  groupUpdate,
  newAllowedPersonId,
  newUpdateId,
  privateTextUpdate,
} from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

describe("POST /webhooks/telegram: verification", () => {
  it("refuses a forged or missing secret and records nothing", async () => {
    const person = newAllowedPersonId();
    const update = privateTextUpdate(person, "forged-1");
    const forged = await postTelegramUpdate(update, { secret: "not-the-secret" });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect((await postTelegramUpdate(update, { secret: null })).status).toBe(401);

    // The same update, genuinely sent, is new to the agent: the forged one left no trace.
    const genuine = await postTelegramUpdate(update);
    expect(await genuine.json()).toMatchObject({ outcome: "accepted" });
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.text).toContain("forged-1");
  });

  it("answers 400 for malformed JSON and for JSON that is not an update", async () => {
    const malformed = await postTelegramUpdate(undefined, { rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "invalid_json" } });

    const notAnUpdate = await postTelegramUpdate({ hello: "world" });
    expect(notAnUpdate.status).toBe(400);
    expect(await notAnUpdate.json()).toMatchObject({ error: { code: "bad_request" } });
  });

  it("acknowledges update kinds it does not handle and runs no turn", async () => {
    const before = (await fakeModel.requests()).length;
    // Photos and stickers are handled now (telegram-media.test.ts); edits and the rest are not.
    for (const fixture of [editedMessage, channelPost, callbackQuery]) {
      const update = { ...structuredClone(fixture), update_id: newUpdateId() };
      const response = await postTelegramUpdate(update);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, ignored: expect.any(String) });
    }
    expect((await fakeModel.requests()).length).toBe(before);
  });
});

describe("POST /webhooks/telegram: exactly once", () => {
  it("answers a private message through the model, showing typing meanwhile", async () => {
    const person = newAllowedPersonId();
    const response = await postTelegramUpdate(privateTextUpdate(person, "hello-agent-7"));
    expect(response.status).toBe(200);
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params).toMatchObject({ parse_mode: "HTML" });
    expect(reply?.params.text).toContain("echo: hello-agent-7");
    const typing = (await fakeTelegram.calls("sendChatAction")).filter(
      (call) => String(call.params.chat_id) === String(person),
    );
    expect(typing[0]?.params.action).toBe("typing");
  });

  it("answers the same update sent three times at once exactly once", async () => {
    const person = newAllowedPersonId();
    const update = privateTextUpdate(person, "triple-marker");
    const responses = await Promise.all([1, 2, 3].map(() => postTelegramUpdate(update)));
    const outcomes = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome),
    );
    expect(outcomes.sort()).toEqual(["accepted", "duplicate", "duplicate"]);

    await fakeTelegram.waitForMessages(person, 1);
    // A later redelivery of the same update is still a duplicate.
    expect(await (await postTelegramUpdate(update)).json()).toMatchObject({ outcome: "duplicate" });
    const next = privateTextUpdate(person, "after-triple");
    await postTelegramUpdate(next);
    const replies = await fakeTelegram.waitForMessages(person, 2);
    expect(replies.map((r) => r.params.text)).toEqual([
      expect.stringContaining("triple-marker"),
      expect.stringContaining("after-triple"),
    ]);
    expect(await fakeModel.requestsMentioning("triple-marker")).toHaveLength(1);
  });

  it("handles messages that arrive during a turn in order, one turn at a time", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([{ text: "slow first answer", delayMs: 800 }]);
    await postTelegramUpdate(privateTextUpdate(person, "order-1"));
    await postTelegramUpdate(privateTextUpdate(person, "order-2"));
    await postTelegramUpdate(privateTextUpdate(person, "order-3"));
    const replies = await fakeTelegram.waitForMessages(person, 3);
    expect(replies.map((r) => r.params.text)).toEqual([
      "slow first answer",
      expect.stringContaining("order-2"),
      expect.stringContaining("order-3"),
    ]);
    // The second turn saw the first exchange: turns ran one after the other.
    const [second] = await fakeModel.requestsMentioning("order-2");
    expect(JSON.stringify(second?.body.messages)).toContain("slow first answer");
  });
});

describe("POST /webhooks/telegram: groups", () => {
  it("ignores group messages that do not address the bot", async () => {
    const chat = -100_000_000_000 - newUpdateId();
    const response = await postTelegramUpdate(
      groupUpdate("not-addressed", newAllowedPersonId(), chat),
    );
    expect(await response.json()).toMatchObject({
      ignored: expect.stringContaining("not addressed"),
    });
  });

  it("answers a mention and a reply to the bot in the same chat, quoting the message", async () => {
    const chat = -100_000_000_000 - newUpdateId();
    const person = newAllowedPersonId();
    const mention = groupUpdate("mention", person, chat);
    await postTelegramUpdate(mention);
    const [reply] = await fakeTelegram.waitForMessages(chat, 1);
    expect(reply?.params.text).toContain("capital of Australia");
    expect(reply?.params.reply_parameters).toMatchObject({
      message_id: mention.message.message_id,
    });

    await postTelegramUpdate(groupUpdate("reply-to-bot", person, chat));
    await fakeTelegram.waitForMessages(chat, 2);
  });

  it("answers in the forum topic the message came from", async () => {
    const chat = -100_000_000_000 - newUpdateId();
    const update = groupUpdate("forum-topic", newAllowedPersonId(), chat);
    await postTelegramUpdate(update);
    const [reply] = await fakeTelegram.waitForMessages(chat, 1);
    expect(reply?.params.text).toContain("three museums in Lyon");
    expect(reply?.params.message_thread_id).toBe(forumTopic.message.message_thread_id);
  });
});
