import { Hono } from "hono";
import { auditTrail } from "./audit/audit-trail";
import { auditFailedAccess } from "./audit/failed-access-audit";
import { AppError, type ErrorBody } from "./errors";
import { type AdminVariables, accessAuth } from "./middleware/access-auth";
import { adminSecurityHeaders } from "./middleware/admin-security-headers";
import { bodyContentTypeGuard } from "./middleware/body-content-type-guard";
import { sameOriginGuard } from "./middleware/same-origin-guard";
import { adminInfoRoutes } from "./routes/admin-info-routes";
import { allowedMethods } from "./routes/allowed-methods";
import { approvalRoutes } from "./routes/approval-routes";
import { configRoutes } from "./routes/config-routes";
import { consoleRoutes } from "./routes/console-routes";
import { costRoutes } from "./routes/cost-routes";
import { doctorRoutes } from "./routes/doctor-routes";
import { exportRoutes } from "./routes/export-routes";
import { healthRoutes } from "./routes/health";
import { mcpOAuthCallbackRoutes } from "./routes/mcp-oauth-callback";
import { mcpRoutes } from "./routes/mcp-routes";
import { modelRoutes } from "./routes/model-routes";
import { overviewRoutes } from "./routes/overview-routes";
import { pairingRoutes } from "./routes/pairing-routes";
import { sandboxRoutes } from "./routes/sandbox-routes";
import { scheduleRoutes } from "./routes/schedule-routes";
import { slackWebhookRoutes } from "./routes/slack-webhook";
import { telegramWebhookRoutes } from "./routes/telegram-webhook";
import { userRoutes } from "./routes/user-routes";
import { workspaceRoutes } from "./routes/workspace-routes";

export function createApp() {
  const admin = new Hono<{ Bindings: Env; Variables: AdminVariables }>()
    .use("*", adminSecurityHeaders)
    // Before Access: a request another site made is refused whoever's cookies it carries.
    .use("*", sameOriginGuard)
    .use("*", bodyContentTypeGuard)
    .use("*", auditFailedAccess)
    .use("*", accessAuth)
    .use("*", auditTrail)
    .route("/", pairingRoutes)
    .route("/", consoleRoutes)
    .route("/", configRoutes)
    .route("/", adminInfoRoutes)
    .route("/", userRoutes)
    .route("/", workspaceRoutes)
    .route("/", exportRoutes)
    .route("/", sandboxRoutes)
    .route("/", scheduleRoutes)
    .route("/", doctorRoutes)
    .route("/", costRoutes)
    .route("/", modelRoutes)
    .route("/", approvalRoutes)
    .route("/", mcpRoutes)
    .route("/", overviewRoutes);

  const app = new Hono<{ Bindings: Env }>()
    // The Worker has no page of its own: a visitor is sent to the admin UI (behind Access).
    .get("/", (c) => c.redirect("/_admin/"))
    .route("/", healthRoutes)
    // Webhooks bypass Access: each verifies its own signature or secret.
    .route("/", telegramWebhookRoutes)
    .route("/", slackWebhookRoutes)
    // An MCP server's sign-in comes back here; the agents SDK checks its OAuth state.
    .route("/", mcpOAuthCallbackRoutes)
    .route("/api", admin)
    .use("/_admin/*", adminSecurityHeaders)
    .use("/_admin/*", auditFailedAccess)
    .use("/_admin/*", accessAuth)
    .get("/_admin", (c) => c.redirect("/_admin/"))
    .get("/_admin/*", async (c) => {
      const url = new URL(c.req.url);
      url.pathname = url.pathname.slice("/_admin".length) || "/";
      const asset = await c.env.ASSETS.fetch(new Request(url, c.req.raw));
      // A copy with mutable headers, so the security headers can be added to it.
      return new Response(asset.body, asset);
    });

  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, new URL(c.req.url).pathname);
    if (allowed.length > 0) {
      const body: ErrorBody = {
        error: {
          code: "method_not_allowed",
          message: `${c.req.method} is not allowed here; use ${allowed.join(" or ")}.`,
        },
      };
      return c.json(body, 405, { Allow: allowed.join(", ") });
    }
    const body: ErrorBody = {
      error: {
        code: "not_found",
        message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`,
      },
    };
    return c.json(body, 404);
  });

  app.onError((error, c) => {
    if (error instanceof AppError) return c.json(error.toBody(), error.status);
    // Unexpected failures are logged by name and message only: requests may carry secrets.
    console.error(
      `unhandled ${c.req.method} ${new URL(c.req.url).pathname}: ${error.name}: ${error.message}`,
    );
    const body: ErrorBody = { error: { code: "internal", message: "Internal error." } };
    return c.json(body, 500);
  });

  return app;
}
