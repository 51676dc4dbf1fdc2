import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { AppError } from "../errors";
import { elapsedMs, logEvent } from "../observability/log-event";

/** What a webhook handler found out, for its log line: ids and an outcome, never text. */
export interface WebhookNote {
  /** accepted, duplicate, pairing, denied, ignored, url_verification, ... */
  outcome: string;
  /** Telegram's `update_id`, Slack's `event_id` or the slash command's message id. */
  updateId?: string | number;
  userId?: string;
}

export type WebhookEnv = { Bindings: Env; Variables: { webhook?: WebhookNote } };

export function noteWebhook(c: Context<WebhookEnv>, note: WebhookNote): void {
  c.set("webhook", note);
}

/**
 * One `webhook` log line per request to a channel's webhook, written when it is answered: the
 * outcome the handler noted, or the error code it was refused with (unauthorized, bad_request,
 * not_configured), and how long it took.
 */
export function logWebhook(channel: "telegram" | "slack") {
  return createMiddleware<WebhookEnv>(async (c, next) => {
    const startedAt = Date.now();
    let thrown: unknown;
    try {
      await next();
    } catch (error) {
      thrown = error;
      throw error;
    } finally {
      const note = c.get("webhook");
      const error = thrown ?? c.error;
      const refusal = error instanceof AppError ? error.code : error ? "internal" : undefined;
      logEvent(
        "webhook",
        {
          channel,
          outcome: refusal ?? note?.outcome ?? "answered",
          updateId: note?.updateId,
          userId: note?.userId,
          status: error instanceof AppError ? error.status : error ? 500 : c.res.status,
          durationMs: elapsedMs(startedAt),
        },
        error ? "warn" : "info",
      );
    }
  });
}
