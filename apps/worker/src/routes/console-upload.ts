import type { AttachmentKind, ConsoleUpload, InboundAttachment } from "@molt/contracts";
import { CONSOLE_UPLOAD_MAX_BYTES } from "@molt/contracts";
import { AppError } from "../errors";

/**
 * Stores a file sent from the web chat or `pnpm chat` where the agent's media path fetches it
 * (`users/<id>/uploads/`), and describes it as the message's attachment. The upload is kept
 * before the message is recorded, so a recorded message never points at nothing.
 */
export async function storeConsoleUpload(
  bucket: R2Bucket,
  userId: string,
  messageId: string,
  upload: ConsoleUpload,
): Promise<InboundAttachment> {
  const bytes = decodeBase64(upload.dataBase64);
  if (bytes.byteLength === 0) throw new AppError("bad_request", "The attached file is empty.");
  if (bytes.byteLength > CONSOLE_UPLOAD_MAX_BYTES) {
    throw new AppError("payload_too_large", "The attached file is over the 10 MB upload limit.");
  }
  const uploadKey = `users/${userId}/uploads/${messageId.replace(/[^a-z0-9-]/gi, "-")}`;
  await bucket.put(uploadKey, bytes, { httpMetadata: { contentType: upload.mimeType } });
  return {
    kind: kindOf(upload.mimeType),
    source: { channel: "console", uploadKey },
    fileName: upload.fileName,
    mimeType: upload.mimeType,
    size: bytes.byteLength,
  };
}

/** A recording from the chat is a voice note; pictures, audio and video by their type. */
function kindOf(mimeType: string): AttachmentKind {
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType.startsWith("audio/")) return "voice";
  if (mimeType.startsWith("video/")) return "video_note";
  return "document";
}

function decodeBase64(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    throw new AppError("bad_request", "The attached file is not valid base64.");
  }
}
