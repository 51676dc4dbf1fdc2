import type { ReplyAddress } from "@molt/contracts";
import { findLinks } from "../find-links";
import {
  splitMarkdownForTelegram,
  TELEGRAM_MESSAGE_LIMIT,
  type TelegramMessageChunk,
} from "./split-telegram-message";
import { TelegramApiError } from "./telegram-api-error";
import { NO_LINK_PREVIEW, type TelegramClient } from "./telegram-client";

type LinkPreviewOptions = { is_disabled: true } | { url: string };

/** Telegram shows "typing…" for about five seconds, so it has to be repeated a bit sooner. */
export const TELEGRAM_TYPING_INTERVAL_MS = 4000;

interface ChunkTarget {
  chat_id: string;
  link_preview_options: LinkPreviewOptions;
  message_thread_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
}

/** Lets a retried reply resume after the parts that already went out, so none is sent twice. */
export interface ReplyProgress {
  /** Parts already delivered by an earlier attempt. */
  partsSent: number;
  onPartSent(partsSent: number): void;
}

/**
 * Sends model Markdown as one or more HTML messages in the address's chat and topic, the first
 * quoting the message it answers. Returns the ids of the messages sent, in order.
 */
export async function sendTelegramReply(
  client: TelegramClient,
  address: ReplyAddress,
  markdown: string,
  progress?: ReplyProgress,
): Promise<number[]> {
  const messageIds: number[] = [];
  const threadId = toTelegramId(address.threadId);
  const replyToId = toTelegramId(address.replyToMessageId);
  const chunks = splitMarkdownForTelegram(markdown);
  for (let index = progress?.partsSent ?? 0; index < chunks.length; index++) {
    const chunk = chunks[index] as TelegramMessageChunk;
    const target: ChunkTarget = {
      chat_id: address.chatId,
      link_preview_options: chooseLinkPreview(chunk.markdown, address.linksFromSender),
      ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
      // The quoted message may be deleted by now; the answer matters more than the quote.
      ...(replyToId !== undefined && index === 0
        ? { reply_parameters: { message_id: replyToId, allow_sending_without_reply: true } }
        : {}),
    };
    messageIds.push(...(await sendChunk(client, target, chunk)));
    progress?.onPartSent(index + 1);
  }
  return messageIds;
}

/**
 * A preview only for a link the person sent (Telegram then previews that URL and no other);
 * otherwise none, so no link the model wrote is fetched by Telegram unclicked.
 */
export function chooseLinkPreview(
  markdown: string,
  linksFromSender: readonly string[] | undefined,
): LinkPreviewOptions {
  const theirs = findLinks(markdown).find((link) => linksFromSender?.includes(link));
  return theirs ? { url: theirs } : NO_LINK_PREVIEW;
}

/**
 * Model Markdown can still produce HTML that Telegram refuses (its parser has opinions about
 * nesting); the words matter more than the formatting, so a 400 gets the plain text instead.
 */
async function sendChunk(
  client: TelegramClient,
  target: ChunkTarget,
  chunk: TelegramMessageChunk,
): Promise<number[]> {
  try {
    const sent = await client.sendMessage({ ...target, text: chunk.html, parse_mode: "HTML" });
    return [sent.message_id];
  } catch (error) {
    if (!(error instanceof TelegramApiError) || error.errorCode !== 400) throw error;
  }
  const ids: number[] = [];
  // Markdown can be longer than its HTML (escapes, link definitions), so it may need cutting.
  for (const text of cutPlainText(chunk.markdown, TELEGRAM_MESSAGE_LIMIT)) {
    const sent = await client.sendMessage({ ...target, text });
    ids.push(sent.message_id);
  }
  return ids;
}

/**
 * Shows "typing…" in the chat until the returned function is called. Failures are dropped:
 * the indicator is cosmetic and must never fail or delay the actual reply.
 */
export function startTypingIndicator(
  client: TelegramClient,
  address: ReplyAddress,
  intervalMs: number = TELEGRAM_TYPING_INTERVAL_MS,
): () => void {
  const threadId = toTelegramId(address.threadId);
  let stopped = false;
  const sendTyping = () => {
    if (stopped) return;
    client
      .sendChatAction({
        chat_id: address.chatId,
        action: "typing",
        ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
      })
      .catch(() => undefined);
  };
  sendTyping();
  const timer = setInterval(sendTyping, intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function toTelegramId(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

function cutPlainText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const newline = rest.lastIndexOf("\n", limit);
    let cut = newline > limit / 2 ? newline + 1 : limit;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces.filter((piece) => piece.trim() !== "");
}
