import {
  parseTelegramApprovalCallback,
  type TelegramCallbackQuery,
  type TelegramClient,
} from "@molt/channels";
import { describeApprovalOutcome } from "../approvals/approval-answer-text";
import type { ApprovalDecisionOutcome } from "../approvals/approval-desk";
import { getDirectory } from "../directory/directory";
import { getUserAgent } from "./deliver-to-agent";

export type CallbackAnswerOutcome = "approval_decided" | "approval_refused" | "ignored";

/**
 * A button press on an approval question (`callback_query`). Only the person whose agent asked
 * may answer: the presser's identity is resolved to their own agent (never created, never
 * paired) and the question is looked for there alone, so another group member's click finds
 * nothing and is refused. Telegram is always answered (`answerCallbackQuery`) so the button
 * stops spinning; a decided question is edited to show the decision, without its buttons.
 */
export async function answerTelegramCallback(
  env: Env,
  client: TelegramClient,
  query: TelegramCallbackQuery,
): Promise<{ outcome: CallbackAnswerOutcome; userId?: string }> {
  const answer = parseTelegramApprovalCallback(query.data);
  if (!answer) {
    await client.answerCallbackQuery({ callback_query_id: query.id }).catch(() => undefined);
    return { outcome: "ignored" };
  }
  const identity = `telegram:${query.from.id}`;
  const userId = await getDirectory(env).userOfIdentity(identity);
  let result: ApprovalDecisionOutcome = { outcome: "unknown" };
  if (userId) {
    result = await (await getUserAgent(env, userId)).decideApproval({
      approvalId: answer.approvalId,
      choice: answer.choice,
      actor: identity,
    });
  }
  const text = describeApprovalOutcome(result);
  await client
    .answerCallbackQuery({
      callback_query_id: query.id,
      text,
      show_alert: result.outcome !== "decided",
    })
    .catch(() => undefined);
  const message = query.message;
  if (result.outcome === "decided" && message?.chat) {
    // Plain text: the question's own formatting is gone from `message.text`, its words are not.
    await client
      .editMessageText({
        chat_id: message.chat.id,
        message_id: message.message_id,
        text: `${message.text ?? "Approval question"}\n\n${text}`,
      })
      .catch(() => undefined);
  }
  return {
    outcome: result.outcome === "unknown" ? "approval_refused" : "approval_decided",
    ...(userId ? { userId } : {}),
  };
}
