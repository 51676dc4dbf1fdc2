import forumTopic from "../../../../tests/fixtures/telegram/forum-topic-message.json";
import groupMention from "../../../../tests/fixtures/telegram/group-mention.json";
import groupNotAddressed from "../../../../tests/fixtures/telegram/group-not-addressed.json";
import groupReplyToBot from "../../../../tests/fixtures/telegram/group-reply-to-bot.json";
import privateText from "../../../../tests/fixtures/telegram/private-text.json";
import { TEST_ALLOWED_TELEGRAM_IDS } from "../../../../tests/setup/test-settings";

let nextUpdateId = 900_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
let nextPersonId = 600_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
let nextAllowedIndex = Math.floor(Math.random() * 900);

export function newUpdateId(): number {
  return nextUpdateId++;
}

/** A Telegram user id nobody else in the run uses. */
export function newPersonId(): number {
  return nextPersonId++;
}

/** A Telegram user id listed in TELEGRAM_ALLOW_FROM, so its messages reach an agent at once. */
export function newAllowedPersonId(): number {
  const id = TEST_ALLOWED_TELEGRAM_IDS[nextAllowedIndex++ % TEST_ALLOWED_TELEGRAM_IDS.length];
  return Number(id);
}

type Update = typeof privateText;

/** The documented private-chat text update, from `personId`, saying `text`. */
export function privateTextUpdate(
  personId: number,
  text: string,
  updateId = newUpdateId(),
): Update {
  const update = structuredClone(privateText);
  update.update_id = updateId;
  update.message.message_id = updateId % 100_000;
  update.message.from.id = personId;
  update.message.chat.id = personId;
  update.message.text = text;
  const command = /^\/[a-z_]+(@\w+)?/i.exec(text);
  // Telegram marks commands with a bot_command entity; clients never send one without it.
  if (command)
    Object.assign(update.message, {
      entities: [{ offset: 0, length: command[0].length, type: "bot_command" }],
    });
  return update;
}

/** The documented group updates, moved into `chatId` and sent by `personId`. */
export function groupUpdate(
  kind: "mention" | "reply-to-bot" | "not-addressed" | "forum-topic",
  personId: number,
  chatId: number,
) {
  const fixtures = {
    mention: groupMention,
    "reply-to-bot": groupReplyToBot,
    "not-addressed": groupNotAddressed,
    "forum-topic": forumTopic,
  };
  const fixture = fixtures[kind];
  const update = structuredClone(fixture) as typeof groupMention;
  update.update_id = newUpdateId();
  update.message.from.id = personId;
  update.message.chat.id = chatId;
  return update;
}
