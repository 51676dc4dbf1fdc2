import type { ReplyAddress } from "@molt/contracts";
import { createThrottledPreview, type LivePreview } from "../streaming/throttled-preview";
import { splitMarkdownForTelegram, TELEGRAM_MESSAGE_LIMIT } from "./split-telegram-message";
import { TelegramApiError } from "./telegram-api-error";
import type { TelegramClient } from "./telegram-client";

/**
 * At most one draft a second per chat: Telegram asks bots for no more than about one message a
 * second in a chat, and a draft that changes faster than that is not easier to read.
 */
export const TELEGRAM_DRAFT_INTERVAL_MS = 1000;
/** A draft that grew by less than this waits for more words (saves calls, reads the same). */
const TELEGRAM_DRAFT_MIN_GROWTH_CHARS = 20;

/**
 * Streams an answer into a private chat with `sendMessageDraft`: an ephemeral bubble that shows
 * the text as it is written and disappears when the bot sends a message, so the final reply
 * (sent once, by the outbox) needs no edit and can never appear twice. Groups get no draft
 * (the method is for private chats); for them this returns undefined.
 *
 * `draftId` must be non-zero and the same for every draft of one answer, so Telegram animates
 * the changes instead of replacing the bubble.
 */
export function startTelegramDraftPreview(
  client: TelegramClient,
  address: ReplyAddress,
  draftId: number,
  intervalMs: number = TELEGRAM_DRAFT_INTERVAL_MS,
): LivePreview | undefined {
  const chatId = Number(address.chatId);
  if (!Number.isSafeInteger(chatId) || chatId <= 0 || draftId === 0) return undefined;
  const threadId = address.threadId !== undefined ? Number(address.threadId) : undefined;
  const target = {
    chat_id: chatId,
    draft_id: draftId,
    ...(threadId !== undefined && Number.isSafeInteger(threadId)
      ? { message_thread_id: threadId }
      : {}),
  };
  return createThrottledPreview({
    minIntervalMs: intervalMs,
    minGrowthChars: TELEGRAM_DRAFT_MIN_GROWTH_CHARS,
    async send(markdown) {
      // A long answer ends as several messages; the draft shows the one being written.
      const chunk = splitMarkdownForTelegram(markdown).at(-1);
      if (!chunk) return;
      try {
        await client.sendMessageDraft({ ...target, text: chunk.html, parse_mode: "HTML" });
      } catch (error) {
        if (!isRefusedHtml(error)) throw error;
        // Half-written Markdown can render to HTML Telegram refuses; the words still help.
        await client.sendMessageDraft({ ...target, text: tail(chunk.markdown) });
      }
    },
    rateLimitWaitMs: (error) =>
      error instanceof TelegramApiError && error.errorCode === 429
        ? (error.retryAfter ?? 1) * 1000
        : undefined,
  });
}

/** A stable non-zero draft id for one turn, from its inbox id (int32, as Telegram takes it). */
export function telegramDraftId(inboxId: string): number {
  let hash = 0;
  for (let index = 0; index < inboxId.length; index++) {
    hash = (Math.imul(hash, 31) + inboxId.charCodeAt(index)) | 0;
  }
  return (Math.abs(hash) % 2_147_483_646) + 1;
}

function tail(text: string): string {
  return text.length <= TELEGRAM_MESSAGE_LIMIT
    ? text
    : `…${text.slice(text.length - TELEGRAM_MESSAGE_LIMIT + 1)}`;
}

function isRefusedHtml(error: unknown): boolean {
  return (
    error instanceof TelegramApiError &&
    error.errorCode === 400 &&
    /can't parse entities/i.test(error.description)
  );
}
