import type { AttachmentKind } from "@molt/contracts";

/** A file the person sent, once fetched, stored and read, ready to be put before the model. */
export interface ReceivedFile {
  kind: AttachmentKind;
  /** Where the original is kept, relative to the workspace (`inbox/...`). */
  path: string;
  fileName: string;
  mimeType?: string;
  size?: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** The bytes of an image, when the model can look at images. */
  image?: { bytes: Uint8Array; mimeType: string };
  /** What a vision model saw, for a model that cannot look itself. */
  imageDescription?: string;
  /** What was said in a voice note, audio file or video note. */
  transcript?: string;
  /** The document as Markdown (the whole of it; the prompt gets one window). */
  documentText?: string;
  /** Where that Markdown is kept, for reading further windows. */
  documentTextPath?: string;
  /** Why the file could not be read, in words for the person (the file itself may be kept). */
  problem?: string;
}

const KIND_LABELS: Record<AttachmentKind, string> = {
  image: "Photo",
  voice: "Voice note",
  audio: "Audio",
  video_note: "Video note",
  document: "Document",
};

/** "Photo", "Voice note", ... as the first word of the line that announces a file. */
export function receivedKindLabel(kind: AttachmentKind): string {
  return KIND_LABELS[kind];
}

/** "1.2 MB", "143 KB", "512 bytes". */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The facts of a file in one bracketed line, e.g. `[Photo received: inbox/x.jpg, 1280×960, 96 KB]`. */
export function describeReceivedFile(file: ReceivedFile): string {
  const facts = [
    file.path || file.fileName,
    file.width && file.height ? `${file.width}×${file.height}` : "",
    file.durationSeconds !== undefined ? `${Math.round(file.durationSeconds)} s` : "",
    file.size !== undefined ? formatFileSize(file.size) : "",
  ].filter(Boolean);
  return `[${receivedKindLabel(file.kind)} received: ${facts.join(", ")}]`;
}
