import { slackifyMarkdown } from "slackify-markdown";
import { splitRenderedMarkdown } from "../telegram/split-telegram-message";
import { neutralizeSlackMentions } from "./neutralize-slack-mentions";

/**
 * Slack cuts `text` at 40,000 characters but recommends staying under 4,000 for readability and
 * truncates long messages in some clients; we keep every part a little under that.
 */
export const SLACK_MESSAGE_LIMIT = 3_900;

export interface SlackMessageChunk {
  /** The Markdown of this chunk, posted as plain text if Slack refuses the mrkdwn. */
  markdown: string;
  mrkdwn: string;
}

/**
 * Model Markdown to Slack mrkdwn: `*bold*`, `_italic_`, `<url|text>`, `•` lists, fences, with
 * every special mention (`<!channel>`, `<@U…>`) shown as text rather than notifying.
 */
export function markdownToSlackMrkdwn(markdown: string): string {
  // slackify-markdown (remark) adds a trailing newline and zero-width spaces around emphasis so
  // that Slack parses `*bold*` next to punctuation; both are kept, the newline is not needed.
  return neutralizeSlackMentions(slackifyMarkdown(markdown).replace(/\n+$/, ""));
}

/** Splits model Markdown into mrkdwn messages under the limit, never cutting a code fence open. */
export function splitMarkdownForSlack(
  markdown: string,
  limit: number = SLACK_MESSAGE_LIMIT,
): SlackMessageChunk[] {
  return splitRenderedMarkdown(markdown, limit, markdownToSlackMrkdwn).map((chunk) => ({
    markdown: chunk.markdown,
    mrkdwn: chunk.rendered,
  }));
}
