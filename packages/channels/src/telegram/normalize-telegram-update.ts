import type { InboundMessage } from "@molt/contracts";
import { linksFromSender } from "../find-links";
import {
  findLeadingTelegramCommand,
  isSameTelegramUsername,
  type LeadingTelegramCommand,
  toKnownCommandName,
} from "./telegram-command";
import { readTelegramMessageMedia } from "./telegram-message-media";
import type {
  TelegramMessage,
  TelegramMessageEntity,
  TelegramUpdate,
  TelegramUser,
} from "./telegram-update";

export type NormalizedTelegramUpdate =
  | { kind: "message"; message: InboundMessage }
  | { kind: "ignored"; reason: string };

export interface NormalizeTelegramUpdateOptions {
  /** The bot's own username (from `getMe`), with or without the leading `@`. */
  botUsername: string | undefined;
  /** The bot's own user id (from `getMe`). */
  botId: number | undefined;
  /** Epoch milliseconds, injected so normalization stays deterministic. */
  now: number;
}

interface TextCut {
  start: number;
  end: number;
  /** Whether one neighbouring space goes too, so no double space is left behind. */
  eatSpace: boolean;
}

interface BotIdentity {
  username: string | undefined;
  id: number | undefined;
}

const UNHANDLED_UPDATE_KINDS = [
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "callback_query",
] as const;

const NON_TEXT_CONTENT_KINDS = [
  "photo",
  "sticker",
  "animation",
  "audio",
  "document",
  "video",
  "video_note",
  "voice",
  "contact",
  "location",
  "venue",
  "poll",
  "dice",
  "new_chat_members",
  "left_chat_member",
  "pinned_message",
  "forum_topic_created",
] as const;

/**
 * Turns a Telegram update into the channel-neutral inbound message, or says why it is not one.
 * Only text (or captioned media) from people in a private chat, or addressed to the bot in a
 * group, reaches the agent: everything else would make the bot chatty or answer other bots.
 */
export function normalizeTelegramUpdate(
  update: TelegramUpdate,
  options: NormalizeTelegramUpdateOptions,
): NormalizedTelegramUpdate {
  const message = update.message;
  if (message === undefined) return ignored(describeUnhandledUpdate(update));
  const from = message.from;
  if (from === undefined) return ignored("message has no sender");
  if (from.is_bot) return ignored("message was sent by a bot");
  const media = readTelegramMessageMedia(message);
  const hasMedia = media.attachments.length > 0 || media.description !== undefined;
  const rawText = message.text ?? message.caption ?? (hasMedia ? "" : undefined);
  if (rawText === undefined) return ignored(`message has no text (${describeContent(message)})`);

  const bot: BotIdentity = { username: options.botUsername?.replace(/^@/, ""), id: options.botId };
  const entities = (message.text !== undefined ? message.entities : message.caption_entities) ?? [];
  const isGroup = message.chat.type === "group" || message.chat.type === "supergroup";
  const command = findLeadingTelegramCommand(rawText, entities);
  const commandForUs = command !== undefined && isCommandForBot(command, bot);
  if (isGroup && command?.targetUsername !== undefined && !commandForUs) {
    return ignored("command addressed to another bot");
  }
  const mentions = findBotMentions(rawText, entities, bot);
  if (isGroup && !commandForUs && !mentions.addressed && !isReplyToBot(message, bot)) {
    return ignored("group message not addressed to the bot");
  }

  const cuts: TextCut[] = [...mentions.cuts];
  if (commandForUs && command.targetRange) cuts.push({ ...command.targetRange, eatSpace: false });
  const said = removeCuts(rawText, cuts);
  if (said === "" && !hasMedia) return ignored("message is empty once the bot mention is removed");
  // A sticker, a place or a poll reaches the agent as a line of words after what was typed.
  const text = [said, media.description].filter(Boolean).join("\n\n");
  const commandName = commandForUs ? toKnownCommandName(command.name) : undefined;
  // The text starts with `/name` once the `@bot` suffix is cut, so the rest is the arguments.
  const parsedCommand = commandName
    ? { name: commandName, args: text.slice(1 + commandName.length).trim() }
    : undefined;
  return {
    kind: "message",
    message: {
      ...buildInboundMessage(update.update_id, message, from, {
        isGroup,
        text,
        command: parsedCommand,
        now: options.now,
      }),
      ...(media.attachments.length > 0 && !parsedCommand ? { attachments: media.attachments } : {}),
    },
  };
}

function buildInboundMessage(
  updateId: number,
  message: TelegramMessage,
  from: TelegramUser,
  content: Pick<InboundMessage, "isGroup" | "text" | "command"> & { now: number },
): InboundMessage {
  const { isGroup, text, command, now } = content;
  const chatId = String(message.chat.id);
  const threadId =
    message.is_topic_message && message.message_thread_id !== undefined
      ? String(message.message_thread_id)
      : undefined;
  return {
    id: `telegram:update:${updateId}`,
    channel: "telegram",
    identity: `telegram:${from.id}`,
    senderName: describeSender(from),
    conversationKey: threadId ? `telegram:${chatId}:${threadId}` : `telegram:${chatId}`,
    isGroup,
    address: {
      channel: "telegram",
      chatId,
      ...(threadId ? { threadId } : {}),
      // In a busy group a bare answer is ambiguous; quoting the question ties them together.
      ...(isGroup ? { replyToMessageId: String(message.message_id) } : {}),
      ...linksFromSender(text),
    },
    text,
    ...(command ? { command } : {}),
    receivedAt: now,
  };
}

/**
 * A known command without a suffix counts as addressed to us (group members type `/new`);
 * an unknown one does not, since it most likely belongs to another bot in the group.
 */
function isCommandForBot(command: LeadingTelegramCommand, bot: BotIdentity): boolean {
  if (command.targetUsername !== undefined) {
    return isSameTelegramUsername(command.targetUsername, bot.username);
  }
  return toKnownCommandName(command.name) !== undefined;
}

function findBotMentions(
  text: string,
  entities: readonly TelegramMessageEntity[],
  bot: BotIdentity,
): { addressed: boolean; cuts: TextCut[] } {
  let addressed = false;
  const cuts: TextCut[] = [];
  for (const { type, offset, length, user } of entities) {
    const mention = text.slice(offset + 1, offset + length);
    if (type === "mention" && isSameTelegramUsername(mention, bot.username)) {
      addressed = true;
      cuts.push({ start: offset, end: offset + length, eatSpace: true });
    } else if (type === "text_mention" && bot.id !== undefined && user?.id === bot.id) {
      // A text mention shows the bot's display name, which reads as part of the sentence,
      // so it addresses the bot but stays in the text.
      addressed = true;
    }
  }
  return { addressed, cuts };
}

/**
 * In a forum topic every message "replies" to the topic's first message, so a reply to that
 * root is not a reply to the bot even when the bot happened to open the topic.
 */
function isReplyToBot(message: TelegramMessage, bot: BotIdentity): boolean {
  const replied = message.reply_to_message;
  if (replied === undefined || bot.id === undefined || replied.from?.id !== bot.id) return false;
  return !(message.is_topic_message && replied.message_id === message.message_thread_id);
}

function removeCuts(text: string, cuts: readonly TextCut[]): string {
  let result = text;
  const byStartDescending = [...cuts].sort((a, b) => b.start - a.start);
  for (const { start, end, eatSpace } of byStartDescending) {
    let cutStart = start;
    let cutEnd = end;
    if (eatSpace && result[end] === " ") cutEnd += 1;
    else if (eatSpace && result[start - 1] === " ") cutStart -= 1;
    result = result.slice(0, cutStart) + result.slice(cutEnd);
  }
  return result.trim();
}

function describeSender(from: TelegramUser): string | undefined {
  const fullName = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  return fullName || from.username || undefined;
}

function describeUnhandledUpdate(update: TelegramUpdate): string {
  const known = UNHANDLED_UPDATE_KINDS.find((kind) => update[kind] !== undefined);
  const kind = known ?? Object.keys(update).find((key) => key !== "update_id");
  return kind ? `${kind} updates are not handled` : "update carries no message";
}

function describeContent(message: TelegramMessage): string {
  return NON_TEXT_CONTENT_KINDS.find((kind) => kind in message) ?? "unsupported content";
}

function ignored(reason: string): NormalizedTelegramUpdate {
  return { kind: "ignored", reason };
}
