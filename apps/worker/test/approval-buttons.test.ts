import { beforeAll, describe, expect, it } from "vitest";
import { WEB_MARKERS } from "../../../tests/fakes/web-markers";
import callbackQuery from "../../../tests/fixtures/telegram/callback-query.json";
import { fakeModel, fakeSlack, fakeTelegram, resetFakes, waitFor } from "./support/fakes";
import {
  blockActionsPayload,
  dmEvent,
  newAllowedSlackUser,
  postSlackEvent,
  postSlackInteraction,
  SLACK_TEAM,
  unique,
} from "./support/slack-events";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { webUrl } from "./support/web-tools";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

async function scriptInjectedTurn(then: string) {
  await fakeModel.script([
    { toolCalls: [{ name: "web_fetch", arguments: { url: webUrl("/run-command") } }] },
    { toolCalls: [{ name: "shell", arguments: { command: WEB_MARKERS.plantedCommand } }] },
    { text: then },
  ]);
}

type InlineKeyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

/** The question sent to a Telegram chat, with its buttons. */
async function telegramQuestion(chatId: number) {
  const [call] = await waitFor(
    async () => (await fakeTelegram.sentTo(chatId)).filter((c) => c.params.reply_markup),
    (calls) => calls.length > 0,
    "the approval question on Telegram",
  );
  const markup = call?.params.reply_markup as InlineKeyboard;
  return { call, messageId: call?.messageId ?? 0, buttons: markup.inline_keyboard.flat() };
}

function pressButton(from: number, chatId: number, messageId: number, data: string) {
  const update = structuredClone(callbackQuery);
  update.update_id = Math.floor(Math.random() * 1e9);
  update.callback_query.id = `cb-${update.update_id}`;
  update.callback_query.from.id = from;
  update.callback_query.message.chat.id = chatId;
  update.callback_query.message.message_id = messageId;
  update.callback_query.message.text = "Your agent wants to use shell";
  update.callback_query.data = data;
  return postTelegramUpdate(update);
}

describe("approval questions on Telegram", () => {
  it("asks with an inline keyboard, refuses another person's click, and acts on the owner's", async () => {
    const owner = newAllowedPersonId();
    let stranger = newAllowedPersonId();
    while (stranger === owner) stranger = newAllowedPersonId();
    await scriptInjectedTurn("I did not run it, as you asked.");
    await postTelegramUpdate(privateTextUpdate(owner, "tg-approval-marker: read this page"));
    const { call, buttons, messageId } = await telegramQuestion(owner);
    expect(String(call?.params.text)).toContain(
      WEB_MARKERS.plantedCommand.replace(">>", "&gt;&gt;"),
    );
    expect(call?.params.link_preview_options).toEqual({ is_disabled: true });
    expect(buttons.map((button) => button.text)).toEqual([
      "Allow once",
      "Allow in this chat",
      "Deny",
    ]);
    const deny = buttons.find((button) => button.text === "Deny")?.callback_data ?? "";
    const allow = buttons.find((button) => button.text === "Allow once")?.callback_data ?? "";

    // Someone else (a member of the same group, say) presses Allow: refused, nothing runs.
    const refused = await pressButton(stranger, owner, messageId, allow);
    expect(await refused.json()).toMatchObject({ outcome: "approval_refused" });
    const answers = await fakeTelegram.calls("answerCallbackQuery");
    expect(answers.at(-1)?.params).toMatchObject({
      text: expect.stringContaining("not yours"),
      show_alert: true,
    });

    const decided = await pressButton(owner, owner, messageId, deny);
    expect(await decided.json()).toMatchObject({ outcome: "approval_decided" });
    const replies = await fakeTelegram.waitForMessages(owner, 2);
    expect(replies.at(-1)?.params.text).toBe("I did not run it, as you asked.");
    const [ack] = (await fakeTelegram.calls("answerCallbackQuery")).slice(-1);
    expect(ack?.params.text).toBe("Denied: it did not run.");

    // A second press of the same question: answered, nothing changes.
    const again = await pressButton(owner, owner, messageId, allow);
    expect(await again.json()).toMatchObject({ outcome: "approval_decided" });
    const [late] = (await fakeTelegram.calls("answerCallbackQuery")).slice(-1);
    expect(late?.params.text).toContain("Already answered");
    expect(await fakeTelegram.sentTo(owner)).toHaveLength(2);
  });

  it("edits the question to show the decision, without a link preview", async () => {
    const owner = newAllowedPersonId();
    await scriptInjectedTurn("Ran it once.");
    await postTelegramUpdate(privateTextUpdate(owner, "tg-approval-edit: read this page"));
    const { buttons, messageId } = await telegramQuestion(owner);
    const allow = buttons.find((button) => button.text === "Allow once")?.callback_data ?? "";
    await pressButton(owner, owner, messageId, allow);
    const edit = (await fakeTelegram.calls("editMessageText")).at(-1);
    expect(edit?.status).toBe(200);
    expect(edit?.params).toMatchObject({
      chat_id: owner,
      message_id: messageId,
      link_preview_options: { is_disabled: true },
      text: expect.stringContaining("Allowed once."),
    });
    const replies = await fakeTelegram.waitForMessages(owner, 2);
    expect(replies.at(-1)?.params.text).toBe("Ran it once.");
  });
});

describe("approval questions on Slack", () => {
  it("asks with Block Kit buttons and acts on a signed press by the owner", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    await scriptInjectedTurn("Not run, as you decided.");
    await postSlackEvent(dmEvent(user, channel, unique("slack-approval")));
    const [question] = await waitFor(
      () => fakeSlack.messages(channel),
      (messages) => messages.some((m) => m.blocks),
      "the approval question on Slack",
    );
    const actions = question?.blocks?.find((block) => block.type === "actions");
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([
      "approval_allow_once",
      "approval_allow_conversation",
      "approval_deny",
    ]);
    expect(question?.text).toContain("planted-by-page-3318");
    const approvalId = actions?.elements?.[0]?.value ?? "";
    const press = (who: string, actionId: string, sign = {}) =>
      postSlackInteraction(
        blockActionsPayload({
          team: SLACK_TEAM,
          user: who,
          channel,
          messageTs: question?.ts ?? "",
          actionId,
          value: approvalId,
        }),
        sign,
      );

    // A forged signature is refused before anything is read.
    const forged = await press(user, "approval_allow_once", { secret: "not-the-signing-secret" });
    expect(forged.status).toBe(401);
    // Another member of the channel cannot answer; they alone are told so.
    const other = unique("UOTHER");
    const refused = await press(other, "approval_allow_once");
    expect(refused.status).toBe(200);
    expect((await fakeSlack.ephemerals()).at(-1)).toMatchObject({
      channel,
      user: other,
      text: expect.stringContaining("not yours"),
    });

    expect((await press(user, "approval_deny")).status).toBe(200);
    const messages = await fakeSlack.waitForAnswers(channel, 2, 20_000);
    const updated = messages.find((m) => m.ts === question?.ts);
    expect(updated?.text).toContain("Denied: it did not run.");
    expect(updated?.blocks?.some((block) => block.type === "actions")).toBe(false);
    expect(messages.at(-1)?.text).toBe("Not run, as you decided.");
  });
});
