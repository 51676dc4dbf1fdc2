import { describe, expect, it } from "vitest";
import { parseTelegramApprovalCallback, telegramApprovalKeyboard } from "./telegram-approval";

const AI_SDK_APPROVAL_ID = "aitxt-0123456789abcdefghijklmn";

describe("the approval keyboard", () => {
  it("carries each answer in callback data Telegram accepts (at most 64 bytes)", () => {
    const buttons = telegramApprovalKeyboard(AI_SDK_APPROVAL_ID).inline_keyboard.flat();
    expect(buttons.map((button) => button.text)).toEqual([
      "Allow once",
      "Allow in this chat",
      "Deny",
    ]);
    for (const button of buttons) {
      expect(new TextEncoder().encode(button.callback_data).length).toBeLessThanOrEqual(64);
    }
    expect(buttons.map((button) => parseTelegramApprovalCallback(button.callback_data))).toEqual([
      { approvalId: AI_SDK_APPROVAL_ID, choice: "allow_once" },
      { approvalId: AI_SDK_APPROVAL_ID, choice: "allow_conversation" },
      { approvalId: AI_SDK_APPROVAL_ID, choice: "deny" },
    ]);
  });

  it("reads nothing else as an answer", () => {
    for (const data of [
      undefined,
      "",
      "new:yes",
      "ap:x:maybe",
      "ap::once",
      `ap:${"x".repeat(60)}:once`,
    ]) {
      expect(parseTelegramApprovalCallback(data)).toBeUndefined();
    }
  });
});
