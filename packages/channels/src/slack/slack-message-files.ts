import type { AttachmentKind, InboundAttachment } from "@molt/contracts";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "@molt/contracts";
import type { SlackFile } from "./slack-event";

/** The files of a Slack message as attachments, and a line for those that cannot be fetched. */
export interface SlackMessageFiles {
  attachments: InboundAttachment[];
  description?: string;
}

/**
 * Reads the files shared with a message. A file without a private URL (Slack Connect sends
 * `file_access: check_file_info`, a deleted file has none) is named in words instead.
 */
export function readSlackMessageFiles(files: readonly SlackFile[] | undefined): SlackMessageFiles {
  const attachments: InboundAttachment[] = [];
  const unreadable: string[] = [];
  for (const file of files ?? []) {
    const url = file.url_private_download ?? file.url_private;
    if (!url || !URL.canParse(url) || attachments.length >= MAX_ATTACHMENTS_PER_MESSAGE) {
      unreadable.push(file.name ?? file.title ?? file.id);
      continue;
    }
    attachments.push({
      kind: slackFileKind(file),
      source: { channel: "slack", fileId: file.id, urlPrivate: url },
      ...(file.name ? { fileName: file.name } : {}),
      ...(file.mimetype ? { mimeType: file.mimetype } : {}),
      ...(file.size !== undefined ? { size: file.size } : {}),
      ...(file.duration_ms !== undefined ? { durationSeconds: file.duration_ms / 1000 } : {}),
      ...(file.original_w !== undefined ? { width: file.original_w } : {}),
      ...(file.original_h !== undefined ? { height: file.original_h } : {}),
    });
  }
  const description =
    unreadable.length > 0
      ? `[The person shared ${unreadable.length === 1 ? "a file" : "files"} that could not be read here: ${unreadable.map((name) => `"${name}"`).join(", ")}.]`
      : undefined;
  return { attachments, ...(description ? { description } : {}) };
}

function slackFileKind(file: SlackFile): AttachmentKind {
  const mime = file.mimetype ?? "";
  if (mime.startsWith("image/")) return "image";
  if (file.subtype === "slack_audio") return "voice";
  if (mime.startsWith("audio/")) return "audio";
  return "document";
}
