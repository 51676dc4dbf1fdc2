import { AppError } from "../errors";
import { readWorkerConfig, type WorkerEnvValues } from "./worker-config";

/** The parsed config, or a 503 that names every malformed setting. */
export function requireWorkerConfig(env: object): WorkerEnvValues {
  const result = readWorkerConfig(env);
  if (result.ok) return result.values;
  const names = result.problems.flatMap((problem) => problem.names);
  throw new AppError(
    "not_configured",
    `Malformed settings: ${result.problems.map((p) => `${p.names.join(", ")} (${p.message})`).join("; ")}`,
    { settings: names },
  );
}

export interface TelegramSettings {
  token: string;
  webhookSecret: string;
  apiBaseUrl: string;
  allowFrom: string[];
}

export const DEFAULT_TELEGRAM_API_BASE_URL = "https://api.telegram.org";

/** Telegram settings when both required secrets are present; otherwise the missing names. */
export function telegramSettings(
  values: WorkerEnvValues,
): { ok: true; settings: TelegramSettings } | { ok: false; missing: string[] } {
  const missing = [
    values.TELEGRAM_BOT_TOKEN ? undefined : "TELEGRAM_BOT_TOKEN",
    values.TELEGRAM_WEBHOOK_SECRET ? undefined : "TELEGRAM_WEBHOOK_SECRET",
  ].filter((name): name is string => name !== undefined);
  if (!values.TELEGRAM_BOT_TOKEN || !values.TELEGRAM_WEBHOOK_SECRET) return { ok: false, missing };
  return {
    ok: true,
    settings: {
      token: values.TELEGRAM_BOT_TOKEN,
      webhookSecret: values.TELEGRAM_WEBHOOK_SECRET,
      apiBaseUrl: values.TELEGRAM_API_BASE_URL ?? DEFAULT_TELEGRAM_API_BASE_URL,
      allowFrom: values.TELEGRAM_ALLOW_FROM,
    },
  };
}

export function requireTelegramSettings(values: WorkerEnvValues): TelegramSettings {
  const result = telegramSettings(values);
  if (result.ok) return result.settings;
  throw new AppError(
    "not_configured",
    `Telegram is not configured: missing ${result.missing.join(", ")}. Set them with \`wrangler secret put\`.`,
    { settings: result.missing },
  );
}
