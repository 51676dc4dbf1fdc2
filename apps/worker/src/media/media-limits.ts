import type { AttachmentKind } from "@molt/contracts";

const MB = 1024 * 1024;

/**
 * The largest file of each kind the agent takes. Telegram lets bots download at most 20 MB
 * anyway; a picture bigger than 10 MB is over what model providers take as image input
 * (Anthropic 5 MB per image after their own scaling, OpenAI 20 MB per request), so it is kept
 * out of the prompt rather than sent to fail.
 */
export const MEDIA_LIMIT_BYTES: Record<AttachmentKind, number> = {
  image: 10 * MB,
  voice: 20 * MB,
  audio: 20 * MB,
  video_note: 20 * MB,
  document: 20 * MB,
};

const KIND_NAMES: Record<AttachmentKind, string> = {
  image: "pictures",
  voice: "voice notes",
  audio: "audio files",
  video_note: "video notes",
  document: "documents",
};

/** "that file is 60 MB; the limit for documents is 20 MB" */
export function tooBigText(kind: AttachmentKind, size: number | undefined, limit: number): string {
  const what =
    size === undefined ? "that file is too big" : `that file is ${formatMegabytes(size)}`;
  return `${what}; the limit for ${KIND_NAMES[kind]} is ${formatMegabytes(limit)}`;
}

function formatMegabytes(bytes: number): string {
  const megabytes = bytes / MB;
  return `${megabytes >= 10 ? Math.round(megabytes) : Number(megabytes.toFixed(1))} MB`;
}
