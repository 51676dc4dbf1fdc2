import type { ReplyAddress } from "@molt/contracts";
import { findLinks } from "../find-links";
import type { ReplyProgress } from "../telegram/send-telegram-reply";
import { isSlackApiError } from "./slack-api-error";
import type { SlackClient, SlackUnfurl, SlackUpdateMessageParams } from "./slack-client";
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
    const unfurl = chooseUnfurl(chunk.markdown, address.linksFromSender);
    const replaced =
      index === 0 && address.replaceMessageId
        ? await replacePlaceholder(client, {
            channel: address.chatId,
            ts: address.replaceMessageId,
            text: chunk.mrkdwn,
            ...unfurl,
          })
        : undefined;
    const ts =
      replaced ??
      (
        await client.postMessage({
          channel: address.chatId,
          text: chunk.mrkdwn,
          ...(address.threadId ? { thread_ts: address.threadId } : {}),
          ...unfurl,
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

/**
 * Slack unfurls every link of a message or none, so a part may unfurl only when each of its
 * links is one the person sent; a link only the model wrote could carry data in its query.
 */
export function chooseUnfurl(
  markdown: string,
  linksFromSender: readonly string[] | undefined,
): Required<SlackUnfurl> {
  const links = findLinks(markdown);
  const allTheirs = links.length > 0 && links.every((link) => linksFromSender?.includes(link));
  return { unfurl_links: allTheirs, unfurl_media: allTheirs };
}

async function replacePlaceholder(
  client: SlackClient,
  params: SlackUpdateMessageParams,
): Promise<string | undefined> {
  try {
    return (await client.updateMessage(params)).ts;
  } catch (error) {
    if (isSlackApiError(error) && PLACEHOLDER_GONE_ERRORS.has(error.error)) return undefined;
    throw error;
  }
}
