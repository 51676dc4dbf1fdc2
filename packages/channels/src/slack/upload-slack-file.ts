import { neutralizeSlackMentions } from "./neutralize-slack-mentions";
import type { SlackClient } from "./slack-client";

export interface SlackFileUpload {
  /** Conversation (`C…`, `D…`) to share the file in. */
  channelId: string;
  /** Thread to share it in, e.g. the thread of the mention being answered. */
  threadTs?: string;
  filename: string;
  bytes: Uint8Array;
  /** e.g. `image/png`; sent with the bytes. */
  contentType: string;
  title?: string;
  /** Text posted with the file. */
  comment?: string;
}

/**
 * Shares a file (a screenshot, say) in a conversation the way Slack now requires: ask for an
 * upload URL, send the bytes there, then complete the upload into the channel and thread.
 * Returns the file id.
 */
export async function uploadSlackFile(
  client: SlackClient,
  upload: SlackFileUpload,
): Promise<string> {
  const { upload_url: uploadUrl, file_id: fileId } = await client.getUploadUrl({
    filename: upload.filename,
    length: upload.bytes.byteLength,
  });
  await client.uploadToUrl(uploadUrl, upload.bytes, upload.contentType);
  await client.completeUpload({
    files: [{ id: fileId, title: upload.title ?? upload.filename }],
    channel_id: upload.channelId,
    ...(upload.threadTs ? { thread_ts: upload.threadTs } : {}),
    // The comment is the model's caption: it must notify nobody, like the answers do.
    ...(upload.comment ? { initial_comment: neutralizeSlackMentions(upload.comment) } : {}),
  });
  return fileId;
}
