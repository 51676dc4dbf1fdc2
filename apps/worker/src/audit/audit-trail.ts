import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import { getDirectory } from "../directory/directory";
import type { AdminVariables } from "../middleware/access-auth";
import { elapsedMs, logEvent } from "../observability/log-event";
import { deriveActionName } from "./audit-action-name";

/**
 * Writes every admin action to the audit log once it succeeded: every changing request, and
 * reads a route marks as sensitive with `auditAction` (an export). Routes may name the target
 * and add a detail; otherwise the request path is the target. Each such request, refused or
 * not, is also one `admin` log line (action, status, duration; never the actor or the body).
 */
export const auditTrail = createMiddleware<{ Bindings: Env; Variables: AdminVariables }>(
  async (c, next) => {
    const startedAt = Date.now();
    await next();
    const method = c.req.method;
    const marked = c.get("auditAction");
    if (!marked && (method === "GET" || method === "HEAD" || method === "OPTIONS")) return;
    const action = marked ?? deriveActionName(method, routePath(c, -1));
    const status = c.res.status;
    logEvent("admin", { action, status, durationMs: elapsedMs(startedAt) });
    if (status >= 400) return;
    const url = new URL(c.req.url);
    const entry = {
      at: Date.now(),
      actor: c.get("adminEmail"),
      action,
      target: c.get("auditTarget") ?? decodeURIComponent(url.pathname.replace(/^\/api\//, "")),
      detail: c.get("auditDetail"),
    };
    // The action already happened: a failure to record it is logged, not turned into an error.
    await getDirectory(c.env)
      .recordAudit(entry)
      .catch((error: unknown) => console.error(`audit entry not recorded: ${String(error)}`));
  },
);
