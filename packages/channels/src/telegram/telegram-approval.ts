import type { ReplyAddress } from "@molt/contracts";
import { splitMarkdownForTelegram } from "./split-telegram-message";
import { TelegramApiError } from "./telegram-api-error";
import { NO_LINK_PREVIEW, type TelegramClient } from "./telegram-client";

/** The three answers to an approval question, as the buttons' callback data spells them. */
export const TELEGRAM_APPROVAL_CHOICES = {
  once: "allow_once",
  chat: "allow_conversation",
  deny: "deny",
} as const;
type CallbackChoice = keyof typeof TELEGRAM_APPROVAL_CHOICES;
export type TelegramApprovalChoice = (typeof TELEGRAM_APPROVAL_CHOICES)[CallbackChoice];

const CALLBACK_PREFIX = "ap";
/** Telegram refuses callback_data over 64 bytes (BUTTON_DATA_INVALID). */
const CALLBACK_DATA_MAX_BYTES = 64;

function callbackData(approvalId: string, choice: CallbackChoice): string {
  const data = `${CALLBACK_PREFIX}:${approvalId}:${choice}`;
  if (new TextEncoder().encode(data).length > CALLBACK_DATA_MAX_BYTES) {
    throw new Error("approval id too long for Telegram callback data");
  }
  return data;
}

/** The inline keyboard under an approval question. */
export function telegramApprovalKeyboard(approvalId: string) {
  return {
    inline_keyboard: [
      [
        { text: "Allow once", callback_data: callbackData(approvalId, "once") },
        { text: "Allow in this chat", callback_data: callbackData(approvalId, "chat") },
      ],
      [{ text: "Deny", callback_data: callbackData(approvalId, "deny") }],
    ],
  };
}

/** Reads a button's callback data; undefined for data that is not an approval answer. */
export function parseTelegramApprovalCallback(
  data: string | undefined,
): { approvalId: string; choice: TelegramApprovalChoice } | undefined {
  const match = /^ap:([A-Za-z0-9_-]{1,48}):(once|chat|deny)$/.exec(data ?? "");
  if (!match) return undefined;
  return {
    approvalId: match[1] as string,
    choice: TELEGRAM_APPROVAL_CHOICES[match[2] as CallbackChoice],
  };
}

/**
 * Sends an approval question (model-free Markdown written by the agent, with the command in a
 * code block) with its three buttons. A question is kept short, so it is one message; a 400 on
 * the HTML gets the plain text, as replies do. Returns the message id.
 */
export async function sendTelegramApprovalQuestion(
  client: TelegramClient,
  address: ReplyAddress,
  markdown: string,
  approvalId: string,
): Promise<number> {
  const [chunk] = splitMarkdownForTelegram(markdown);
  const threadId =
    address.threadId && /^\d+$/.test(address.threadId) ? Number(address.threadId) : undefined;
  const target = {
    chat_id: address.chatId,
    link_preview_options: NO_LINK_PREVIEW,
    reply_markup: telegramApprovalKeyboard(approvalId),
    ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
  };
  try {
    const sent = await client.sendMessage({
      ...target,
      text: chunk?.html ?? markdown,
      parse_mode: "HTML",
    });
    return sent.message_id;
  } catch (error) {
    if (!(error instanceof TelegramApiError) || error.errorCode !== 400) throw error;
  }
  const sent = await client.sendMessage({ ...target, text: chunk?.markdown ?? markdown });
  return sent.message_id;
}
