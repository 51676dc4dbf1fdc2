import type { ReplyAddress } from "@molt/contracts";
import type { ReplyProgress } from "../telegram/send-telegram-reply";
import { isSlackApiError } from "./slack-api-error";
import type { SlackClient } from "./slack-client";
import { type SlackMessageChunk, splitMarkdownForSlack } from "./slack-mrkdwn";

export const SLACK_WORKING_TEXT = "Working on it…";

/** `chat.update` answers these when the placeholder is gone; the answer is posted instead. */
const PLACEHOLDER_GONE_ERRORS = new Set([
  "message_not_found",
  "cant_update_message",
  "edit_window_closed",
]);

/**
 * Posts model Markdown as mrkdwn messages in the address's channel and thread. When the address
 * names a placeholder, the first part replaces it (`chat.update`), so the conversation shows the
 * answer where "Working on it…" was. `progress` lets a retry resume after the parts already
 * delivered; replacing the placeholder again is harmless, so that step is safe to repeat too.
 * Returns the `ts` of every message written, in order.
 */
export async function sendSlackReply(
  client: SlackClient,
  address: ReplyAddress,
  markdown: string,
  progress?: ReplyProgress,
): Promise<string[]> {
  const written: string[] = [];
  const chunks = splitMarkdownForSlack(markdown);
  for (let index = progress?.partsSent ?? 0; index < chunks.length; index++) {
    const chunk = chunks[index] as SlackMessageChunk;
    const replaced =
      index === 0 && address.replaceMessageId
        ? await replacePlaceholder(client, address.chatId, address.replaceMessageId, chunk.mrkdwn)
        : undefined;
    const ts =
      replaced ??
      (
        await client.postMessage({
          channel: address.chatId,
          text: chunk.mrkdwn,
          ...(address.threadId ? { thread_ts: address.threadId } : {}),
        })
      ).ts;
    written.push(ts);
    progress?.onPartSent(index + 1);
  }
  return written;
}

/** Posts the "working" placeholder that the answer will replace; returns its `ts`. */
export async function postSlackPlaceholder(
  client: SlackClient,
  address: ReplyAddress,
): Promise<string> {
  const posted = await client.postMessage({
    channel: address.chatId,
    text: SLACK_WORKING_TEXT,
    ...(address.threadId ? { thread_ts: address.threadId } : {}),
  });
  return posted.ts;
}

async function replacePlaceholder(
  client: SlackClient,
  channel: string,
  ts: string,
  text: string,
): Promise<string | undefined> {
  try {
    return (await client.updateMessage({ channel, ts, text })).ts;
  } catch (error) {
    if (isSlackApiError(error) && PLACEHOLDER_GONE_ERRORS.has(error.error)) return undefined;
    throw error;
  }
}
