import type { ReplyAddress } from "@molt/contracts";
import type { TelegramClient, TelegramMediaKind } from "./telegram-client";

/** Telegram's limit for a photo caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

export interface OutgoingImage {
  bytes: Uint8Array;
  fileName: string;
  /** Defaults to `image/png`. */
  contentType?: string;
  /** Plain text shown under the image; cut to Telegram's caption limit. */
  caption?: string;
  /** How it is shown: a photo (the default, for screenshots), a document, a voice note... */
  kind?: TelegramMediaKind;
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

/** Sends a file into the address's chat and topic as the kind it names (a photo by default). */
export async function sendTelegramFile(
  client: TelegramClient,
  address: ReplyAddress,
  file: OutgoingImage,
): Promise<number> {
  const kind = file.kind ?? "photo";
  if (kind === "photo") return sendTelegramPhoto(client, address, file);
  const threadId = /^\d+$/.test(address.threadId ?? "") ? Number(address.threadId) : undefined;
  const caption = file.caption?.slice(0, TELEGRAM_CAPTION_LIMIT);
  const sent = await client.sendMedia(kind, {
    chat_id: address.chatId,
    file: { bytes: file.bytes, fileName: file.fileName },
    ...(caption ? { caption } : {}),
    ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
  });
  return sent.message_id;
}
