import type { ReplyAddress } from "@molt/contracts";
import { createThrottledPreview, type LivePreview } from "../streaming/throttled-preview";
import { chooseUnfurl } from "./send-slack-reply";
import { SlackApiError } from "./slack-api-error";
import type { SlackClient } from "./slack-client";
import { splitMarkdownForSlack } from "./slack-mrkdwn";

/**
 * `chat.update` is a Tier 3 method (about 50 a minute); one update a second and a bit keeps an
 * answer moving without using up what the final reply and other conversations need.
 */
export const SLACK_PREVIEW_INTERVAL_MS = 1200;
const SLACK_PREVIEW_MIN_GROWTH_CHARS = 20;
/**
 * Ends every preview, so the message reads as still being written (and is told apart from the
 * final answer, which never ends with it).
 */
export const SLACK_PREVIEW_CURSOR = " ▍";

/**
 * Streams an answer into the "Working on it…" placeholder with throttled `chat.update`s. The
 * final reply replaces the same message through the outbox (also a `chat.update`), so the
 * conversation ends with the answer exactly once wherever the preview stopped.
 */
export function startSlackLivePreview(
  client: SlackClient,
  address: ReplyAddress,
  intervalMs: number = SLACK_PREVIEW_INTERVAL_MS,
): LivePreview | undefined {
  const ts = address.replaceMessageId;
  if (!ts) return undefined;
  return createThrottledPreview({
    minIntervalMs: intervalMs,
    minGrowthChars: SLACK_PREVIEW_MIN_GROWTH_CHARS,
    async send(markdown) {
      const chunk = splitMarkdownForSlack(markdown).at(-1);
      if (!chunk) return;
      await client.updateMessageNoWait({
        channel: address.chatId,
        ts,
        text: `${chunk.mrkdwn}${SLACK_PREVIEW_CURSOR}`,
        ...chooseUnfurl(chunk.markdown, address.linksFromSender),
      });
    },
    rateLimitWaitMs: (error) =>
      error instanceof SlackApiError && error.status === 429
        ? (error.retryAfter ?? 1) * 1000
        : undefined,
  });
}
