import { describe, expect, it } from "vitest";
import blockActions from "../../../../tests/fixtures/slack/block-actions.json";
import {
  parseSlackApprovalAction,
  slackApprovalBlocks,
  slackBlockActionsSchema,
} from "./slack-approval";

function pressed(actionId: string, value: string) {
  const payload = structuredClone(blockActions);
  payload.actions = [{ ...payload.actions[0], action_id: actionId, value } as never];
  return slackBlockActionsSchema.parse(payload);
}

describe("Slack approval buttons", () => {
  it("parses the documented block_actions payload", () => {
    expect(slackBlockActionsSchema.safeParse(blockActions).success).toBe(true);
  });

  it("reads each button of the question as its answer", () => {
    const blocks = slackApprovalBlocks("Allow?", "aitxt-abc") as Array<{
      type: string;
      elements?: Array<{ action_id: string; value: string }>;
    }>;
    const buttons = blocks.find((block) => block.type === "actions")?.elements ?? [];
    expect(
      buttons.map((button) => parseSlackApprovalAction(pressed(button.action_id, button.value))),
    ).toEqual([
      { approvalId: "aitxt-abc", choice: "allow_once" },
      { approvalId: "aitxt-abc", choice: "allow_conversation" },
      { approvalId: "aitxt-abc", choice: "deny" },
    ]);
  });

  it("ignores other buttons and malformed values", () => {
    expect(parseSlackApprovalAction(pressed("WaXA", "click_me_123"))).toBeUndefined();
    expect(parseSlackApprovalAction(pressed("approval_deny", "not an id!"))).toBeUndefined();
  });
});
