import {
  markdownToSlackMrkdwn,
  parseSlackApprovalAction,
  type SlackClient,
  slackBlockActionsSchema,
} from "@molt/channels";
import { describeApprovalOutcome } from "../approvals/approval-answer-text";
import type { ApprovalDecisionOutcome } from "../approvals/approval-desk";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import { getUserAgent } from "./deliver-to-agent";

export type SlackInteractionOutcome = "approval_decided" | "approval_refused" | "ignored";

/**
 * A verified interactivity request (form field `payload`): a button press on an approval
 * question. As on Telegram, the presser's own agent is the only place the question is looked
 * for, so nobody else in a channel can answer it. A decided question is updated in place to
 * show the decision without its buttons.
 */
export async function answerSlackInteraction(
  env: Env,
  client: SlackClient,
  rawBody: string,
): Promise<{ outcome: SlackInteractionOutcome; userId?: string }> {
  const payloadText = new URLSearchParams(rawBody).get("payload");
  let json: unknown;
  try {
    json = JSON.parse(payloadText ?? "");
  } catch {
    throw new AppError("bad_request", "The request has no interaction payload.");
  }
  const parsed = slackBlockActionsSchema.safeParse(json);
  if (!parsed.success) return { outcome: "ignored" };
  const payload = parsed.data;
  const answer = parseSlackApprovalAction(payload);
  if (!answer) return { outcome: "ignored" };
  const team = payload.team?.id ?? payload.user.team_id;
  const identity = `slack:${team}:${payload.user.id}`;
  const userId = team ? await getDirectory(env).userOfIdentity(identity) : null;
  let result: ApprovalDecisionOutcome = { outcome: "unknown" };
  if (userId) {
    result = await (await getUserAgent(env, userId)).decideApproval({
      approvalId: answer.approvalId,
      choice: answer.choice,
      actor: identity,
    });
  }
  const text = describeApprovalOutcome(result);
  const channel = payload.channel?.id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  if (result.outcome === "decided" && channel && ts) {
    const mrkdwn = markdownToSlackMrkdwn(
      `Your agent asked to use **${result.toolName}**:\n\n\`\`\`\n${result.summary.replace(/`{3,}/g, "'''")}\n\`\`\`\n\n${text}`,
    );
    await client
      .updateMessage({
        channel,
        ts,
        text: mrkdwn,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwn.slice(0, 3000) } }],
      })
      .catch(() => undefined);
  }
  if (result.outcome !== "decided" && channel) {
    // Told to the presser alone; the question stays as it was for its owner.
    const thread = payload.container?.thread_ts ?? payload.message?.thread_ts;
    await client
      .postEphemeral({
        channel,
        user: payload.user.id,
        text,
        ...(thread ? { thread_ts: thread } : {}),
      })
      .catch(() => undefined);
  }
  return {
    outcome: result.outcome === "unknown" ? "approval_refused" : "approval_decided",
    ...(userId ? { userId } : {}),
  };
}
