import type { InboundAttachment } from "@molt/contracts";
import type { TelegramMessage } from "./telegram-update";

/** What a message carries besides its text: files to fetch, and things said in words. */
export interface TelegramMessageMedia {
  attachments: InboundAttachment[];
  /** Stickers, locations, venues, contacts and polls, told to the agent in a short line. */
  description?: string;
}

/**
 * Reads the files and the describable content of a message. A photo comes in several sizes:
 * the largest is taken, since the model scales it down itself and text in a screenshot needs
 * the pixels. An image sent as a file ("document") counts as an image.
 */
export function readTelegramMessageMedia(message: TelegramMessage): TelegramMessageMedia {
  const attachments: InboundAttachment[] = [];
  const largest = message.photo?.at(-1);
  if (largest) {
    attachments.push({
      kind: "image",
      source: telegramSource(largest),
      mimeType: "image/jpeg",
      ...sizeOf(largest.file_size),
      width: largest.width,
      height: largest.height,
    });
  }
  if (message.voice) {
    attachments.push({
      kind: "voice",
      source: telegramSource(message.voice),
      mimeType: message.voice.mime_type ?? "audio/ogg",
      ...sizeOf(message.voice.file_size),
      durationSeconds: message.voice.duration,
    });
  }
  if (message.audio) {
    const audio = message.audio;
    attachments.push({
      kind: "audio",
      source: telegramSource(audio),
      ...(audio.file_name ? { fileName: audio.file_name } : {}),
      ...(audio.mime_type ? { mimeType: audio.mime_type } : {}),
      ...sizeOf(audio.file_size),
      durationSeconds: audio.duration,
    });
  }
  if (message.video_note) {
    attachments.push({
      kind: "video_note",
      source: telegramSource(message.video_note),
      mimeType: "video/mp4",
      ...sizeOf(message.video_note.file_size),
      durationSeconds: message.video_note.duration,
      width: message.video_note.length,
      height: message.video_note.length,
    });
  }
  if (message.document) {
    const document = message.document;
    attachments.push({
      kind: document.mime_type?.startsWith("image/") ? "image" : "document",
      source: telegramSource(document),
      ...(document.file_name ? { fileName: document.file_name } : {}),
      ...(document.mime_type ? { mimeType: document.mime_type } : {}),
      ...sizeOf(document.file_size),
    });
  }
  const description = describeTelegramContent(message);
  return { attachments, ...(description ? { description } : {}) };
}

/** One line per thing that has no file worth fetching; undefined when there is none. */
export function describeTelegramContent(message: TelegramMessage): string | undefined {
  const lines: string[] = [];
  if (message.sticker) {
    const { emoji, set_name: setName, is_animated: animated, is_video: video } = message.sticker;
    const kind = animated ? "an animated sticker" : video ? "a video sticker" : "a sticker";
    const from = setName ? ` from the set "${setName}"` : "";
    lines.push(`[The person sent ${kind}${emoji ? ` ${emoji}` : ""}${from}.]`);
  }
  if (message.venue) {
    const { title, address, location } = message.venue;
    lines.push(
      `[The person shared a place: ${title}, ${address} (${formatCoordinates(location.latitude, location.longitude)}).]`,
    );
  } else if (message.location) {
    const { latitude, longitude, live_period: live } = message.location;
    const kind = live ? "their live location" : "a location";
    lines.push(
      `[The person shared ${kind}: ${formatCoordinates(latitude, longitude)} (https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}).]`,
    );
  }
  if (message.contact) {
    const { first_name: first, last_name: last, phone_number: phone } = message.contact;
    const name = [first, last].filter(Boolean).join(" ");
    lines.push(`[The person shared a contact: ${name}, ${phone}.]`);
  }
  if (message.poll) {
    const { question, options, type, allows_multiple_answers: multiple } = message.poll;
    const kind = type === "quiz" ? "a quiz" : "a poll";
    const choices = options.map((option) => `"${option.text}"`).join(", ");
    const note = multiple ? " (several answers allowed)" : "";
    lines.push(`[The person sent ${kind}: "${question}", options ${choices}${note}.]`);
  }
  return lines.length > 0 ? lines.join("\n") : undefined;
}

function telegramSource(file: { file_id: string; file_unique_id: string }) {
  return {
    channel: "telegram" as const,
    fileId: file.file_id,
    fileUniqueId: file.file_unique_id,
  };
}

function sizeOf(size: number | undefined): { size?: number } {
  return size === undefined ? {} : { size };
}

function formatCoordinates(latitude: number, longitude: number): string {
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
}
