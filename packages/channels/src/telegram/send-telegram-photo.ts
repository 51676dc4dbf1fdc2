import type { ReplyAddress } from "@molt/contracts";
import type { TelegramClient } from "./telegram-client";

/** Telegram's limit for a photo caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

export interface OutgoingImage {
  bytes: Uint8Array;
  fileName: string;
  /** Defaults to `image/png`. */
  contentType?: string;
  /** Plain text shown under the image; cut to Telegram's caption limit. */
  caption?: string;
}

/** Sends an image (a screenshot) into the address's chat and topic as a photo. */
export async function sendTelegramPhoto(
  client: TelegramClient,
  address: ReplyAddress,
  image: OutgoingImage,
): Promise<number> {
  const threadId = /^\d+$/.test(address.threadId ?? "") ? Number(address.threadId) : undefined;
  const caption = image.caption?.slice(0, TELEGRAM_CAPTION_LIMIT);
  const sent = await client.sendPhoto({
    chat_id: address.chatId,
    photo: { bytes: image.bytes, fileName: image.fileName },
    ...(caption ? { caption } : {}),
    ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
  });
  return sent.message_id;
}
