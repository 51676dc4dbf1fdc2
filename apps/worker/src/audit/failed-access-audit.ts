import { createMiddleware } from "hono/factory";
import { getDirectory } from "../directory/directory";
import type { AdminVariables } from "../middleware/access-auth";
import { logEvent } from "../observability/log-event";

/** Who a refused request was: nobody was verified, so no email is trusted. */
export const UNVERIFIED_ACTOR = "unverified";
/**
 * Refusals of the same kind from the same address are recorded at most this often per isolate:
 * a stream of forged requests must not fill the audit log. Every refusal is still logged.
 */
export const FAILED_ACCESS_AUDIT_INTERVAL_MS = 60_000;
const MAX_REMEMBERED_REFUSALS = 1_000;

const lastRecorded = new Map<string, number>();

/**
 * Mounted just before `accessAuth`: a request it refused (401, 403, or 503 when Access is not
 * configured) leaves no admin identity behind, and goes to the audit log as `access.denied`
 * with the path, the reason and the connecting address.
 */
export const auditFailedAccess = createMiddleware<{ Bindings: Env; Variables: AdminVariables }>(
  async (c, next) => {
    await next();
    const status = c.res.status;
    if (c.get("adminEmail") || ![401, 403, 503].includes(status)) return;
    const reason = c.error?.message ?? `HTTP ${status}`;
    const path = new URL(c.req.url).pathname;
    const address = c.req.header("cf-connecting-ip") ?? "unknown address";
    logEvent("admin", { outcome: "access_denied", status, path, reason, address }, "warn");
    const now = Date.now();
    const key = `${status} ${reason} ${address}`;
    if (now - (lastRecorded.get(key) ?? 0) < FAILED_ACCESS_AUDIT_INTERVAL_MS) return;
    if (lastRecorded.size >= MAX_REMEMBERED_REFUSALS) lastRecorded.clear();
    lastRecorded.set(key, now);
    await getDirectory(c.env)
      .recordAudit({
        at: now,
        actor: UNVERIFIED_ACTOR,
        action: "access.denied",
        target: path.replace(/^\/api\//, ""),
        detail: `${reason} (from ${address})`,
      })
      .catch((error: unknown) => console.error(`audit entry not recorded: ${String(error)}`));
  },
);
