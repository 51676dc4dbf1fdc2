import type { AdminIdentity, AuditEntry, WebhookStatus } from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { telegramClient } from "../channels/reply-channel";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import type { AdminEnv } from "./admin-env";
import { parseParam } from "./json-body";

const beforeSchema = z.coerce.number().int().positive();

/** Who is signed in, the audit log, and the Telegram webhook's state for the dashboard. */
export const adminInfoRoutes = new Hono<AdminEnv>()
  .get("/me", (c) => {
    const identity: AdminIdentity = { email: c.get("adminEmail"), devMode: c.get("devMode") };
    return c.json(identity);
  })
  .get("/audit", async (c) => {
    const raw = c.req.query("before");
    const before = raw === undefined ? undefined : parseParam(beforeSchema, raw, "before");
    const entries: AuditEntry[] = await getDirectory(c.env).listAudit(before);
    return c.json({ entries });
  })
  .get("/telegram/webhook", async (c) => {
    // Throws not_configured (503) naming the missing settings when Telegram is not set up.
    const client = telegramClient(c.env);
    let info: Awaited<ReturnType<typeof client.getWebhookInfo>>;
    try {
      info = await client.getWebhookInfo();
    } catch (error) {
      throw new AppError(
        "upstream_failed",
        `Telegram did not answer getWebhookInfo: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const status: WebhookStatus = {
      url: info.url,
      pendingUpdates: info.pending_update_count,
      lastErrorAt: info.last_error_date ? info.last_error_date * 1000 : null,
      lastErrorMessage: info.last_error_message ?? null,
    };
    return c.json(status);
  });
