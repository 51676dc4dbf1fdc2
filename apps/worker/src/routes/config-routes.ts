import type { AdminConfig, ConfigCheck } from "@molt/contracts";
import { Hono } from "hono";
import { mediaConfigCheck } from "../config/media-check";
import { modelConfigCheck } from "../config/model-check";
import { describeReminderLimits, reminderLimits } from "../config/reminder-limits";
import { checkFix, type StackPlace, stackPlaceOf } from "../config/setting-fix";
import { slackSettings } from "../config/slack-settings";
import { telegramSettings } from "../config/telegram-settings";
import { webConfigCheck } from "../config/web-check";
import { describeProblems, malformedNames, readWorkerConfig } from "../config/worker-config";
import type { AdminEnv } from "./admin-env";

const SANDBOX_SETTINGS = ["SANDBOX_LOCAL_URL", "SANDBOX_SLEEP_AFTER"] as const;

function sandboxCheck(config: ReturnType<typeof readWorkerConfig>, place: StackPlace): ConfigCheck {
  const problems = describeProblems(config, SANDBOX_SETTINGS);
  if (problems.length > 0) {
    const malformed = malformedNames(config, SANDBOX_SETTINGS);
    return {
      name: "sandbox",
      ok: false,
      detail: problems.join("; "),
      ...checkFix(malformed, place),
    };
  }
  const { SANDBOX_LOCAL_URL, SANDBOX_SLEEP_AFTER } = config.values;
  return {
    name: "sandbox",
    ok: true,
    detail: SANDBOX_LOCAL_URL
      ? `local sandbox host at ${SANDBOX_LOCAL_URL}`
      : `Cloudflare container per user, sleeps after ${SANDBOX_SLEEP_AFTER ?? "10m"} idle`,
  };
}

const AGENT_SETTINGS = [
  "DAILY_TOKEN_LIMIT",
  "SESSION_RESET_HOUR",
  "HEARTBEAT_INTERVAL_MINUTES",
  "HEARTBEAT_ACTIVE_HOURS",
  "MAX_RECURRING_REMINDERS",
  "MIN_TASK_INTERVAL_MINUTES",
  "VOICE_REPLIES",
  "TTS_BASE_URL",
  "APPROVAL_POLICY",
  "APPROVAL_TIMEOUT_MINUTES",
  "PUBLIC_URL",
] as const;

/** The budget, session reset, heartbeat, reminder and MCP settings, in one line. */
function agentCheck(config: ReturnType<typeof readWorkerConfig>, place: StackPlace): ConfigCheck {
  const problems = describeProblems(config, AGENT_SETTINGS);
  if (problems.length > 0) {
    const malformed = malformedNames(config, AGENT_SETTINGS);
    return { name: "agent", ok: false, detail: problems.join("; "), ...checkFix(malformed, place) };
  }
  const { DAILY_TOKEN_LIMIT, SESSION_RESET_HOUR, HEARTBEAT_INTERVAL_MINUTES } = config.values;
  const detail = [
    DAILY_TOKEN_LIMIT ? `daily token cap ${DAILY_TOKEN_LIMIT}` : "no daily token cap",
    SESSION_RESET_HOUR === undefined
      ? "no daily session reset"
      : `sessions reset at ${SESSION_RESET_HOUR}:00`,
    HEARTBEAT_INTERVAL_MINUTES
      ? `heartbeat every ${HEARTBEAT_INTERVAL_MINUTES} min`
      : "heartbeat off",
    describeReminderLimits(reminderLimits(config)),
    `approvals: ${config.values.APPROVAL_POLICY ?? "untrusted"}`,
    config.values.MCP_ALLOW_USER_SERVERS
      ? "people may add MCP servers"
      : "MCP servers by the operator only",
  ].join(", ");
  return { name: "agent", ok: true, detail };
}

/** What the dashboard shows: each part of the product and whether its settings are in place. */
export const configRoutes = new Hono<AdminEnv>().get("/config", (c) => {
  const config = readWorkerConfig(c.env);
  const place = stackPlaceOf(c.req.url);
  const telegram = telegramSettings(config);
  const slack = slackSettings(config);
  const access = config.values.ACCESS_TEAM_DOMAIN && config.values.ACCESS_AUD;
  const checks: ConfigCheck[] = [
    telegram.ok
      ? { name: "telegram", ok: true, detail: "bot token and webhook secret set" }
      : {
          name: "telegram",
          ok: false,
          detail: telegram.reason,
          ...checkFix(telegram.names, place),
        },
    slack.ok
      ? { name: "slack", ok: true, detail: "bot token and signing secret set" }
      : { name: "slack", ok: false, detail: slack.reason, ...checkFix(slack.names, place) },
    modelConfigCheck(config, c.env.AI, place),
    access
      ? {
          name: "access",
          ok: true,
          detail: `Cloudflare Access team ${config.values.ACCESS_TEAM_DOMAIN}`,
        }
      : place === "local" && config.values.DEV_MODE
        ? {
            name: "access",
            ok: true,
            detail:
              "not needed locally: DEV_MODE opens the admin UI on localhost only; set ACCESS_TEAM_DOMAIN and ACCESS_AUD when you deploy",
          }
        : {
            name: "access",
            ok: false,
            detail:
              "Cloudflare Access is not configured: the admin API only opens in DEV_MODE on localhost",
            ...checkFix(["ACCESS_TEAM_DOMAIN", "ACCESS_AUD"], place),
          },
    agentCheck(config, place),
    webConfigCheck(config, place),
    mediaConfigCheck(config, place),
    sandboxCheck(config, place),
  ];
  const body: AdminConfig = { admin: c.get("adminEmail"), devMode: c.get("devMode"), checks };
  return c.json(body);
});
