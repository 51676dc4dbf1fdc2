import { commandsOfferedOn, inboundMessageSchema } from "@molt/contracts";
import { describe, expect, it } from "vitest";
import { loadTelegramFixture } from "./load-telegram-fixture.test-helper";
import {
  type NormalizedTelegramUpdate,
  type NormalizeTelegramUpdateOptions,
  normalizeTelegramUpdate,
} from "./normalize-telegram-update";
import type { TelegramMessageEntity, TelegramUpdate } from "./telegram-update";

const NOW = 1764090000000;
const BOT: NormalizeTelegramUpdateOptions = {
  botUsername: "molt_test_bot",
  botId: 7000000001,
  now: NOW,
};

function normalize(update: TelegramUpdate, options = BOT) {
  const result = normalizeTelegramUpdate(update, options);
  if (result.kind === "message") inboundMessageSchema.parse(result.message);
  return result;
}

function messageOf(result: NormalizedTelegramUpdate) {
  if (result.kind !== "message") throw new Error(`expected a message, got: ${result.reason}`);
  return result.message;
}

/** The group-not-addressed fixture with other text, as Telegram would send it. */
function groupUpdate(text: string, entities: TelegramMessageEntity[] = []): TelegramUpdate {
  const update = loadTelegramFixture("group-not-addressed");
  if (!update.message) throw new Error("fixture has no message");
  return { ...update, message: { ...update.message, text, entities } };
}

function command(text: string): TelegramMessageEntity {
  return { type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 };
}

describe("normalizeTelegramUpdate", () => {
  it("turns a private text message into an inbound message", () => {
    expect(normalize(loadTelegramFixture("private-text"))).toEqual({
      kind: "message",
      message: {
        id: "telegram:update:815263001",
        channel: "telegram",
        identity: "telegram:123456789",
        senderName: "Ada Lovelace",
        conversationKey: "telegram:123456789",
        isGroup: false,
        address: { channel: "telegram", chatId: "123456789" },
        text: "What's the weather like in Paris tomorrow?",
        receivedAt: NOW,
      },
    });
  });

  it("parses /start in a private chat as a command", () => {
    const message = messageOf(normalize(loadTelegramFixture("private-command-start")));
    expect(message.command).toEqual({ name: "start", args: "" });
    expect(message.text).toBe("/start");
  });

  it("answers a group mention, case-insensitively, quoting the message and dropping the mention", () => {
    const message = messageOf(normalize(loadTelegramFixture("group-mention")));
    expect(message).toMatchObject({
      identity: "telegram:987654321",
      senderName: "Grace",
      conversationKey: "telegram:-1001987654321",
      isGroup: true,
      address: { channel: "telegram", chatId: "-1001987654321", replyToMessageId: "1187" },
      text: "hey what is the capital of Australia?",
    });
    expect(message.address.threadId).toBeUndefined();
  });

  it("answers a reply to one of the bot's messages in a group", () => {
    const message = messageOf(normalize(loadTelegramFixture("group-reply-to-bot")));
    expect(message).toMatchObject({
      isGroup: true,
      text: "Thanks! And Lyon?",
      address: { chatId: "-4098765432", replyToMessageId: "530" },
    });
  });

  it("ignores group chatter that does not address the bot", () => {
    expect(normalize(loadTelegramFixture("group-not-addressed"))).toEqual({
      kind: "ignored",
      reason: "group message not addressed to the bot",
    });
  });

  it("keys a forum topic message by chat and topic and replies into the topic", () => {
    const message = messageOf(normalize(loadTelegramFixture("forum-topic-message")));
    expect(message).toMatchObject({
      conversationKey: "telegram:-1001987654321:1190",
      isGroup: true,
      text: "list three museums in Lyon",
      address: {
        channel: "telegram",
        chatId: "-1001987654321",
        threadId: "1190",
        replyToMessageId: "1203",
      },
    });
  });

  it("does not take the implicit reply to a topic's first message as a reply to the bot", () => {
    const update = loadTelegramFixture("forum-topic-message");
    const message = update.message;
    if (!message?.reply_to_message) throw new Error("fixture shape changed");
    const botOpenedTopic: TelegramUpdate = {
      ...update,
      message: {
        ...message,
        text: "what about Grenoble?",
        entities: [],
        reply_to_message: {
          ...message.reply_to_message,
          from: { id: 7000000001, is_bot: true, first_name: "Molt", username: "molt_test_bot" },
        },
      },
    };
    expect(normalize(botOpenedTopic)).toEqual({
      kind: "ignored",
      reason: "group message not addressed to the bot",
    });
  });

  it.each([
    ["edited-message", "edited_message updates are not handled"],
    ["channel-post", "channel_post updates are not handled"],
    ["callback-query", "callback_query updates are not handled"],
  ])("ignores %s with a reason", (fixture, reason) => {
    expect(normalize(loadTelegramFixture(fixture))).toEqual({ kind: "ignored", reason });
  });

  it("uses a photo's caption as the text", () => {
    const update = loadTelegramFixture("photo");
    if (!update.message) throw new Error("fixture has no message");
    const captioned = { ...update, message: { ...update.message, caption: "what plant is this?" } };
    expect(messageOf(normalize(captioned)).text).toBe("what plant is this?");
  });

  it("ignores messages from bots and updates of unknown kinds", () => {
    const update = loadTelegramFixture("private-text");
    if (!update.message?.from) throw new Error("fixture has no sender");
    const fromBot = {
      ...update,
      message: { ...update.message, from: { ...update.message.from, is_bot: true } },
    };
    expect(normalize(fromBot)).toEqual({ kind: "ignored", reason: "message was sent by a bot" });
    expect(normalize({ update_id: 1, my_chat_member: {} })).toEqual({
      kind: "ignored",
      reason: "my_chat_member updates are not handled",
    });
  });

  describe("commands in groups", () => {
    it("takes a known command, with or without the bot's username, as addressed to the bot", () => {
      expect(messageOf(normalize(groupUpdate("/new", [command("/new")]))).command).toEqual({
        name: "new",
        args: "",
      });
      const text = "/retry@Molt_Test_Bot please be brief";
      const message = messageOf(normalize(groupUpdate(text, [command(text)])));
      expect(message.command).toEqual({ name: "retry", args: "please be brief" });
      expect(message.text).toBe("/retry please be brief");
    });

    it("ignores a command addressed to another bot", () => {
      const text = "/status@weather_bot";
      expect(normalize(groupUpdate(text, [command(text)]))).toEqual({
        kind: "ignored",
        reason: "command addressed to another bot",
      });
    });

    it("leaves unknown commands as text, and ignores them in a group unless addressed", () => {
      const text = "/weather@molt_test_bot Paris";
      const message = messageOf(normalize(groupUpdate(text, [command(text)])));
      expect(message.command).toBeUndefined();
      expect(message.text).toBe("/weather Paris");
      expect(normalize(groupUpdate("/weather", [command("/weather")])).kind).toBe("ignored");
    });

    it("parses every command the agent knows", () => {
      for (const { name } of commandsOfferedOn("telegram")) {
        const text = `/${name} now`;
        expect(messageOf(normalize(groupUpdate(text, [command(text)]))).command).toEqual({
          name,
          args: "now",
        });
      }
    });
  });

  it("takes a text mention of the bot's id as addressing it and keeps the name in the text", () => {
    const bot = { id: 7000000001, is_bot: true, first_name: "Molt" };
    const update = groupUpdate("Molt, any news?", [
      { type: "text_mention", offset: 0, length: 4, user: bot },
    ]);
    expect(messageOf(normalize(update)).text).toBe("Molt, any news?");
  });

  it("cannot tell it is addressed in a group without knowing its own username and id", () => {
    const unknownBot = { botUsername: undefined, botId: undefined, now: NOW };
    expect(normalize(loadTelegramFixture("group-mention"), unknownBot).kind).toBe("ignored");
    expect(normalize(loadTelegramFixture("group-reply-to-bot"), unknownBot).kind).toBe("ignored");
    expect(normalize(loadTelegramFixture("private-text"), unknownBot).kind).toBe("message");
  });

  it("ignores a mention with nothing else in it", () => {
    const update = groupUpdate("@molt_test_bot", [{ type: "mention", offset: 0, length: 14 }]);
    expect(normalize(update)).toEqual({
      kind: "ignored",
      reason: "message is empty once the bot mention is removed",
    });
  });
});
