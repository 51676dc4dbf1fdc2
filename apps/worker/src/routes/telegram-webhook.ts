import { normalizeTelegramUpdate, telegramUpdateSchema } from "@molt/channels";
import { Hono } from "hono";
import { telegramClient } from "../channels/reply-channel";
import { botIdFromToken, telegramBotIdentity } from "../channels/telegram-bot-identity";
import { stackPlaceOf } from "../config/setting-fix";
import { requireTelegramSettings } from "../config/telegram-settings";
import { readWorkerConfig } from "../config/worker-config";
import { AppError } from "../errors";
import { deliverToAgent, userIdOf } from "./deliver-to-agent";
import { parseJsonBody } from "./json-body";
import { answerTelegramCallback } from "./telegram-approval-answer";
import { secretsMatch } from "./verify-secret";
import { logWebhook, noteWebhook, type WebhookEnv } from "./webhook-log";

export const TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

export const telegramWebhookRoutes = new Hono<WebhookEnv>().post(
  "/webhooks/telegram",
  logWebhook("telegram"),
  async (c) => {
    const settings = requireTelegramSettings(readWorkerConfig(c.env), stackPlaceOf(c.req.url));
    if (!(await secretsMatch(c.req.header(TELEGRAM_SECRET_HEADER), settings.webhookSecret))) {
      throw new AppError("unauthorized", "Wrong or missing webhook secret token.");
    }
    const update = await parseJsonBody(c, telegramUpdateSchema, "a Telegram update");
    if (update.callback_query) {
      // A button press: an answer to an approval question, decided here, never a turn.
      const answered = await answerTelegramCallback(
        c.env,
        telegramClient(c.env),
        update.callback_query,
      );
      noteWebhook(c, { updateId: update.update_id, ...answered });
      if (answered.outcome === "ignored") {
        return c.json({ ok: true, ignored: "a button that is not an approval answer" });
      }
      return c.json({ ok: true, outcome: answered.outcome });
    }
    const chatType = update.message?.chat.type;
    // Only group messages need the bot's username (to see mentions); private chats skip getMe.
    const bot =
      chatType === "group" || chatType === "supergroup"
        ? await telegramBotIdentity(c.env, settings.token)
        : { botId: botIdFromToken(settings.token), botUsername: undefined };
    const normalized = normalizeTelegramUpdate(update, { ...bot, now: Date.now() });
    const updateId = update.update_id;
    if (normalized.kind === "ignored") {
      noteWebhook(c, { outcome: "ignored", updateId });
      return c.json({ ok: true, ignored: normalized.reason });
    }
    const senderId = normalized.message.identity.slice("telegram:".length);
    const delivery = await deliverToAgent(c, normalized.message, {
      preApproved: settings.allowFrom.includes(senderId),
    });
    noteWebhook(c, { outcome: delivery.outcome, updateId, ...userIdOf(delivery) });
    // The pairing code is for the stranger's eyes (sent in their chat), not for the response.
    return c.json({ ok: true, outcome: delivery.outcome, ...userIdOf(delivery) });
  },
);
