import { INBOX_DIR } from "@molt/agent";
import type { InboundAttachment } from "@molt/contracts";

const EXTENSIONS_BY_TYPE: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/wav": "wav",
  "audio/webm": "webm",
  "video/mp4": "mp4",
  "application/pdf": "pdf",
  "text/plain": "txt",
  "text/csv": "csv",
  "text/markdown": "md",
};

const DEFAULT_NAMES: Record<InboundAttachment["kind"], string> = {
  image: "photo",
  voice: "voice-note",
  audio: "audio",
  video_note: "video-note",
  document: "document",
};

/**
 * Where a received file is kept: `inbox/<date>-<readable name>-<tag>.<ext>`. The tag comes from
 * the message id and the file's place in it, so a turn that runs again writes the same key
 * instead of a second copy, and two files with one name never overwrite each other.
 */
export function inboxPath(
  messageId: string,
  index: number,
  attachment: InboundAttachment,
  receivedAt: number,
): string {
  const date = new Date(receivedAt).toISOString().slice(0, 10);
  const { base, extension } = splitName(attachment);
  return `${INBOX_DIR}${date}-${base}-${shortTag(`${messageId}#${index}`)}${extension ? `.${extension}` : ""}`;
}

function splitName(attachment: InboundAttachment): { base: string; extension: string } {
  const name = attachment.fileName ?? "";
  const dot = name.lastIndexOf(".");
  const rawBase = dot > 0 ? name.slice(0, dot) : name;
  const rawExtension = dot > 0 ? name.slice(dot + 1) : "";
  const base = readable(rawBase) || DEFAULT_NAMES[attachment.kind];
  const extension =
    rawExtension
      .replace(/[^a-z0-9]/gi, "")
      .toLowerCase()
      .slice(0, 8) ||
    EXTENSIONS_BY_TYPE[(attachment.mimeType ?? "").split(";")[0]?.trim() ?? ""] ||
    "";
  return { base, extension };
}

/** Lower case, words joined by dashes, at most 48 characters: safe in any shell and URL. */
function readable(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
}

/** FNV-1a, six hex digits: short, stable, and enough to tell one person's files apart. */
function shortTag(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0").slice(0, 6);
}
