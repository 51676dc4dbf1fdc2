import type { ReplyAddress } from "@molt/contracts";
import { z } from "zod";
import { isSlackApiError } from "./slack-api-error";
import type { SlackClient } from "./slack-client";
import { markdownToSlackMrkdwn } from "./slack-mrkdwn";

/** A section block's text may hold 3,000 characters. */
const SECTION_TEXT_MAX_CHARS = 3000;

export const SLACK_APPROVAL_ACTIONS = {
  approval_allow_once: "allow_once",
  approval_allow_conversation: "allow_conversation",
  approval_deny: "deny",
} as const;
type SlackApprovalActionId = keyof typeof SLACK_APPROVAL_ACTIONS;
export type SlackApprovalChoice = (typeof SLACK_APPROVAL_ACTIONS)[SlackApprovalActionId];

/** The question and its three buttons as Block Kit blocks; each button's value is the id. */
export function slackApprovalBlocks(mrkdwn: string, approvalId: string): unknown[] {
  const button = (actionId: SlackApprovalActionId, text: string, style?: "primary" | "danger") => ({
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text },
    value: approvalId,
    ...(style ? { style } : {}),
  });
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: mrkdwn.slice(0, SECTION_TEXT_MAX_CHARS) },
    },
    {
      type: "actions",
      block_id: "approval",
      elements: [
        button("approval_allow_once", "Allow once", "primary"),
        button("approval_allow_conversation", "Allow in this conversation"),
        button("approval_deny", "Deny", "danger"),
      ],
    },
  ];
}

/**
 * Posts an approval question with its buttons in the address's channel and thread; a "working"
 * placeholder named by the address becomes the question (`chat.update`) when it still exists.
 */
export async function sendSlackApprovalQuestion(
  client: SlackClient,
  address: ReplyAddress,
  markdown: string,
  approvalId: string,
): Promise<string> {
  const mrkdwn = markdownToSlackMrkdwn(markdown);
  const blocks = slackApprovalBlocks(mrkdwn, approvalId);
  if (address.replaceMessageId) {
    try {
      const updated = await client.updateMessage({
        channel: address.chatId,
        ts: address.replaceMessageId,
        text: mrkdwn,
        blocks,
      });
      return updated.ts;
    } catch (error) {
      if (!isSlackApiError(error) || error.error !== "message_not_found") throw error;
    }
  }
  const posted = await client.postMessage({
    channel: address.chatId,
    text: mrkdwn,
    blocks,
    ...(address.threadId ? { thread_ts: address.threadId } : {}),
  });
  return posted.ts;
}

/**
 * A `block_actions` interaction payload (the form field `payload` Slack posts to the
 * interactivity URL), reduced to what an approval answer needs. Loose: Slack adds fields.
 */
export const slackBlockActionsSchema = z.looseObject({
  type: z.literal("block_actions"),
  team: z.looseObject({ id: z.string() }).nullable(),
  user: z.looseObject({ id: z.string(), team_id: z.string().optional() }),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z
    .looseObject({ message_ts: z.string().optional(), thread_ts: z.string().optional() })
    .optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  response_url: z.string().optional(),
  actions: z.array(
    z.looseObject({ action_id: z.string(), value: z.string().optional(), type: z.string() }),
  ),
});
export type SlackBlockActions = z.infer<typeof slackBlockActionsSchema>;

/** The approval answer of a `block_actions` payload; undefined when it is some other button. */
export function parseSlackApprovalAction(
  payload: SlackBlockActions,
): { approvalId: string; choice: SlackApprovalChoice } | undefined {
  const action = payload.actions[0];
  if (!action || !(action.action_id in SLACK_APPROVAL_ACTIONS)) return undefined;
  if (!action.value || !/^[A-Za-z0-9_-]{1,64}$/.test(action.value)) return undefined;
  return {
    approvalId: action.value,
    choice: SLACK_APPROVAL_ACTIONS[action.action_id as SlackApprovalActionId],
  };
}
