import { telegramClient } from "../channels/reply-channel";
import { telegramSettings } from "../config/telegram-settings";
import { readWorkerConfig } from "../config/worker-config";
import { type DoctorCheckDefinition, describeError, failed, ok, skipped } from "./doctor-check";
import { describeSettingFix } from "./fix-setting";

/** A delivery error newer than this says the webhook is failing now, not once long ago. */
const RECENT_ERROR_MS = 60 * 60 * 1000;

/** getMe, getWebhookInfo (points here, pending updates, last error) and the secret's form. */
export const telegramCheck: DoctorCheckDefinition = {
  name: "telegram",
  timeoutMs: 20_000,
  async run({ env, values, where, origin }) {
    if (!values.TELEGRAM_BOT_TOKEN && !values.TELEGRAM_WEBHOOK_SECRET) {
      return skipped("Telegram is not configured (no TELEGRAM_BOT_TOKEN).");
    }
    const settings = telegramSettings(readWorkerConfig(env));
    if (!settings.ok) {
      return failed(
        `Telegram settings: ${settings.reason}.`,
        describeSettingFix(where, settings.names),
      );
    }
    const client = telegramClient(env);
    let username: string;
    try {
      username = (await client.getMe()).username ?? "(no username)";
    } catch (error) {
      return failed(
        `getMe failed: ${describeError(error)}`,
        `Check the bot token from @BotFather. ${describeSettingFix(where, ["TELEGRAM_BOT_TOKEN"])}`,
      );
    }
    let info: Awaited<ReturnType<typeof client.getWebhookInfo>>;
    try {
      info = await client.getWebhookInfo();
    } catch (error) {
      return failed(
        `Bot @${username}: getWebhookInfo failed: ${describeError(error)}`,
        "Run the checks again; Telegram's Bot API may be briefly unavailable.",
      );
    }
    const expected = `${origin}/webhooks/telegram`;
    const setup = `Run \`TELEGRAM_BOT_TOKEN=... TELEGRAM_WEBHOOK_SECRET=... npx -y pnpm@10.34.8 setup:telegram ${origin}\`.`;
    const pending = `${info.pending_update_count} pending update(s)`;
    if (where === "deployed" && info.url !== expected) {
      const now = info.url ? `points at ${new URL(info.url).host}` : "is not set";
      return failed(`Bot @${username}: the webhook ${now}, not this Worker (${pending}).`, setup);
    }
    const errorAt = info.last_error_date ? info.last_error_date * 1000 : 0;
    if (errorAt && Date.now() - errorAt < RECENT_ERROR_MS) {
      return failed(
        `Bot @${username}: Telegram's last delivery failed ${Math.round((Date.now() - errorAt) / 60_000)} min ago: ${info.last_error_message ?? "no message"} (${pending}).`,
        `A 401 means the secret differs from the one given to setWebhook: ${setup}`,
      );
    }
    const webhook = info.url ? `webhook at ${info.url}` : "no webhook set (fine locally)";
    return ok(`Bot @${username}, ${webhook}, ${pending}, secret of an accepted form.`);
  },
};
