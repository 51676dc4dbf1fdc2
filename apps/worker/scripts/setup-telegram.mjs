// Registers the Telegram webhook and the command menu for a deployed Worker.
// Usage: TELEGRAM_BOT_TOKEN=... TELEGRAM_WEBHOOK_SECRET=... pnpm setup:telegram https://<your-worker>
import { readFileSync } from "node:fs";

const COMMANDS = [
  { command: "new", description: "Start a fresh session" },
  { command: "compact", description: "Summarize this session to free context" },
  { command: "reminders", description: "List reminders and scheduled tasks" },
  { command: "status", description: "Model, session length, tokens used today" },
  { command: "stop", description: "Stop the running answer" },
  { command: "retry", description: "Retry the last failed message" },
  { command: "help", description: "What I can do" },
];

function fromDevVars(name) {
  try {
    const line = readFileSync(".dev.vars", "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${name}=`));
    return line?.slice(name.length + 1).trim() || undefined;
  } catch {
    return undefined;
  }
}

const token = process.env.TELEGRAM_BOT_TOKEN ?? fromDevVars("TELEGRAM_BOT_TOKEN");
const secret = process.env.TELEGRAM_WEBHOOK_SECRET ?? fromDevVars("TELEGRAM_WEBHOOK_SECRET");
const apiBase = (process.env.TELEGRAM_API_BASE_URL ?? "https://api.telegram.org").replace(
  /\/+$/,
  "",
);
const workerUrl = process.argv[2];

if (!token || !secret || !workerUrl?.startsWith("https://")) {
  console.error(
    "Usage: TELEGRAM_BOT_TOKEN=... TELEGRAM_WEBHOOK_SECRET=... pnpm setup:telegram https://<your-worker-host>\n" +
      "The URL must be the public https address of the deployed Worker.",
  );
  process.exit(2);
}

async function call(method, params) {
  const response = await fetch(`${apiBase}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  const body = await response.json();
  if (!body.ok) throw new Error(`${method} failed: ${body.description}`);
  return body.result;
}

try {
  const webhookUrl = `${workerUrl.replace(/\/+$/, "")}/webhooks/telegram`;
  await call("setWebhook", {
    url: webhookUrl,
    secret_token: secret,
    allowed_updates: ["message"],
    drop_pending_updates: false,
  });
  await call("setMyCommands", { commands: COMMANDS });
  const info = await call("getWebhookInfo", {});
  console.log(`Webhook set to ${info.url} (pending updates: ${info.pending_update_count}).`);
  console.log(`Command menu registered: ${COMMANDS.map((c) => `/${c.command}`).join(" ")}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
