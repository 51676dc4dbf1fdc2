import { TELEGRAM_API_BASE_URL } from "@molt/channels";
import { AppError } from "../errors";
import { describeHowToSet, type StackPlace } from "./setting-fix";
import { describeProblems, describeSettingsFault, type WorkerConfig } from "./worker-config";

export interface TelegramSettings {
  token: string;
  webhookSecret: string;
  apiBaseUrl: string;
  allowFrom: string[];
}

const TELEGRAM_SETTINGS = [
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
  "TELEGRAM_API_BASE_URL",
  "TELEGRAM_ALLOW_FROM",
] as const;

/** Telegram settings when they are usable; otherwise the names at fault and why. */
export function telegramSettings(
  config: WorkerConfig,
): { ok: true; settings: TelegramSettings } | { ok: false; names: string[]; reason: string } {
  const { values } = config;
  if (
    !values.TELEGRAM_BOT_TOKEN ||
    !values.TELEGRAM_WEBHOOK_SECRET ||
    describeProblems(config, TELEGRAM_SETTINGS).length > 0
  ) {
    return describeSettingsFault(
      config,
      ["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"],
      TELEGRAM_SETTINGS,
    );
  }
  return {
    ok: true,
    settings: {
      token: values.TELEGRAM_BOT_TOKEN,
      webhookSecret: values.TELEGRAM_WEBHOOK_SECRET,
      apiBaseUrl: values.TELEGRAM_API_BASE_URL ?? TELEGRAM_API_BASE_URL,
      allowFrom: values.TELEGRAM_ALLOW_FROM,
    },
  };
}

export function requireTelegramSettings(
  config: WorkerConfig,
  place?: StackPlace,
): TelegramSettings {
  const result = telegramSettings(config);
  if (result.ok) return result.settings;
  throw new AppError(
    "not_configured",
    `Telegram is not configured: ${result.reason}. ${describeHowToSet(place)}`,
    { settings: result.names },
  );
}
