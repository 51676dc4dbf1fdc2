import { STATUS_CODES } from "node:http";
import type { TelegramWebhookState } from "./telegram-bot-methods.ts";

const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookDelivery {
  update: Record<string, unknown>;
  status?: number;
  body?: string;
  /** Set when Telegram would record a `last_error_message` for this delivery. */
  error?: string;
}

/**
 * Delivers one update the way Telegram does: a JSON POST with the secret token header. Error
 * wording follows what `getWebhookInfo` shows for failed deliveries.
 */
export async function deliverTelegramUpdate(
  webhook: TelegramWebhookState,
  update: Record<string, unknown>,
): Promise<WebhookDelivery> {
  if (webhook.url === "") throw new Error("no webhook is set; call setWebhook first");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (webhook.secretToken !== undefined) {
    headers["x-telegram-bot-api-secret-token"] = webhook.secretToken;
  }
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      headers,
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const body = await response.text();
    if (response.ok) return { update, status: response.status, body };
    const reason = STATUS_CODES[response.status] ?? "Unknown";
    return {
      update,
      status: response.status,
      body,
      error: `Wrong response from the webhook: ${response.status} ${reason}`,
    };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return { update, error: timedOut ? "Read timeout expired" : "Connection refused" };
  }
}
