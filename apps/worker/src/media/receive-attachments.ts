import {
  type DocumentConverter,
  type ImageDescriber,
  MediaServiceError,
  type ReceivedFile,
  type Transcriber,
  type WorkspaceStore,
} from "@molt/agent";
import { ChannelFileError } from "@molt/channels";
import type { InboundAttachment, InboundMessage } from "@molt/contracts";
import type { FetchAttachment } from "./fetch-attachment";
import { inboxPath } from "./inbox-path";
import { MEDIA_LIMIT_BYTES, tooBigText } from "./media-limits";
import { decodePlainText, isPlainTextFile, sniffImageType } from "./sniff-file-type";

export interface MediaServices {
  /** Undefined when no transcription is set up (the reason says why). */
  transcriber: Transcriber | { unavailable: string };
  converter: DocumentConverter;
  describer?: ImageDescriber;
}

export interface ReceiveAttachmentsOptions {
  workspace: WorkspaceStore;
  fetchAttachment: FetchAttachment;
  services: MediaServices;
  /** Whether the turn's model looks at pictures itself. */
  acceptsImages: boolean;
  signal?: AbortSignal;
}

/**
 * Fetches, keeps and reads every file of a message, one at a time. Each original goes to the
 * workspace's `inbox/` (under a name fixed by the message, so a turn that runs again finds it
 * and fetches nothing twice), and what was read from it (a transcript, a document's Markdown)
 * beside it, for the same reason. A file that cannot be fetched or read does not stop the turn:
 * it arrives with its `problem`, which the model tells the person.
 */
export async function receiveAttachments(
  message: InboundMessage,
  options: ReceiveAttachmentsOptions,
): Promise<ReceivedFile[]> {
  const files: ReceivedFile[] = [];
  for (const [index, attachment] of (message.attachments ?? []).entries()) {
    files.push(await receiveOne(message, index, attachment, options));
  }
  return files;
}

async function receiveOne(
  message: InboundMessage,
  index: number,
  attachment: InboundAttachment,
  options: ReceiveAttachmentsOptions,
): Promise<ReceivedFile> {
  const path = inboxPath(message.id, index, attachment, message.receivedAt);
  const file: ReceivedFile = {
    kind: attachment.kind,
    path,
    fileName: attachment.fileName ?? path.slice(path.lastIndexOf("/") + 1),
    ...pick(attachment),
  };
  const limit = MEDIA_LIMIT_BYTES[attachment.kind];
  if (attachment.size !== undefined && attachment.size > limit) {
    return { ...file, path: "", problem: tooBigText(attachment.kind, attachment.size, limit) };
  }
  const bytes = await keptOrFetched(path, attachment, limit, options).catch((error: unknown) => {
    if (error instanceof ChannelFileError) return error;
    throw error;
  });
  if (bytes instanceof ChannelFileError) {
    return { ...file, path: "", problem: fetchProblemText(bytes, attachment) };
  }
  const received = { ...file, size: bytes.byteLength };
  try {
    switch (attachment.kind) {
      case "image":
        return await readImage(received, bytes, options);
      case "voice":
      case "audio":
      case "video_note":
        return await readSpeech(received, bytes, options);
      case "document":
        return await readDocument(received, bytes, options);
    }
  } catch (error) {
    if (error instanceof MediaServiceError) return { ...received, problem: error.message };
    throw error;
  }
}

async function keptOrFetched(
  path: string,
  attachment: InboundAttachment,
  limit: number,
  { workspace, fetchAttachment, signal }: ReceiveAttachmentsOptions,
): Promise<Uint8Array> {
  const kept = await workspace.readBytes(path);
  if (kept) return kept;
  const bytes = await fetchAttachment(attachment, limit, signal);
  await workspace.write(path, bytes);
  return bytes;
}

async function readImage(
  file: ReceivedFile,
  bytes: Uint8Array,
  { acceptsImages, services, signal }: ReceiveAttachmentsOptions,
): Promise<ReceivedFile> {
  const type = sniffImageType(bytes);
  if (!type) {
    return {
      ...file,
      problem: "it is not a picture in a format I can open (JPEG, PNG, GIF or WebP)",
    };
  }
  if (acceptsImages) return { ...file, mimeType: type, image: { bytes, mimeType: type } };
  if (!services.describer) return { ...file, mimeType: type };
  const description = await services.describer
    .describe(bytes, type, signal)
    .catch((error: unknown) => {
      // Without a description the model still knows a picture came; that is enough to go on.
      if (error instanceof MediaServiceError) return undefined;
      throw error;
    });
  return { ...file, mimeType: type, ...(description ? { imageDescription: description } : {}) };
}

async function readSpeech(
  file: ReceivedFile,
  bytes: Uint8Array,
  { workspace, services, signal }: ReceiveAttachmentsOptions,
): Promise<ReceivedFile> {
  const transcriptPath = `${file.path}.txt`;
  const kept = await workspace.readText(transcriptPath);
  if (kept !== null) return { ...file, transcript: kept };
  const transcriber = services.transcriber;
  if ("unavailable" in transcriber) return { ...file, problem: transcriber.unavailable };
  const transcript = await transcriber.transcribe(
    bytes,
    { fileName: file.fileName, mimeType: file.mimeType },
    signal,
  );
  await workspace.write(transcriptPath, transcript);
  return { ...file, transcript };
}

async function readDocument(
  file: ReceivedFile,
  bytes: Uint8Array,
  { workspace, services, signal }: ReceiveAttachmentsOptions,
): Promise<ReceivedFile> {
  const textPath = `${file.path}.md`;
  const kept = await workspace.readText(textPath);
  if (kept !== null) return { ...file, documentText: kept, documentTextPath: textPath };
  let text: string | undefined;
  if (isPlainTextFile(file.fileName, file.mimeType)) {
    text = decodePlainText(bytes);
    if (text === undefined) return { ...file, problem: "it is not text, though its name says so" };
  } else if (services.converter.accepts({ fileName: file.fileName, mimeType: file.mimeType })) {
    text = await services.converter.toMarkdown(
      bytes,
      { fileName: file.fileName, mimeType: file.mimeType },
      signal,
    );
  } else {
    return {
      ...file,
      problem: `I cannot read this kind of file myself (${file.fileName}); it is kept at ${file.path}, where the computer can work on it`,
    };
  }
  await workspace.write(textPath, text);
  return { ...file, documentText: text, documentTextPath: textPath };
}

function fetchProblemText(error: ChannelFileError, attachment: InboundAttachment): string {
  switch (error.problem) {
    case "too_big":
      return tooBigText(
        attachment.kind,
        error.size ?? attachment.size,
        error.limit ?? MEDIA_LIMIT_BYTES[attachment.kind],
      );
    case "gone":
      return "the channel no longer has the file; please send it again";
    case "refused":
      return "the channel did not let me download the file";
    case "unavailable":
      return `the file could not be downloaded just now (${error.message}); please send it again in a moment`;
  }
}

function pick(attachment: InboundAttachment): Partial<ReceivedFile> {
  const { mimeType, size, width, height, durationSeconds } = attachment;
  return {
    ...(mimeType !== undefined ? { mimeType } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
  };
}
