// Registers the Telegram webhook and the command menu for a deployed Worker.
// Usage: TELEGRAM_BOT_TOKEN=... TELEGRAM_WEBHOOK_SECRET=... pnpm setup:telegram https://<your-worker>
// Run by the Node 22 that `pnpm run` puts on PATH, which strips the types.
import { readFileSync } from "node:fs";
import { commandsListedOn } from "@molt/contracts/command-catalog";
import { z } from "zod";

/** Telegram's command menu: the commands offered in Telegram, from the one command catalog. */
export const TELEGRAM_MENU = commandsListedOn("telegram").map((command) => ({
  command: command.name,
  description: command.menuSummary,
}));

const telegramAnswerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), description: z.string().default("no description") }),
]);

const webhookInfoSchema = z.object({ url: z.string(), pending_update_count: z.number() });

function fromDevVars(name: string): string | undefined {
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

async function call(method: string, params: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(`${apiBase}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  const answer = telegramAnswerSchema.parse(await response.json());
  if (!answer.ok) throw new Error(`${method} failed: ${answer.description}`);
  return answer.result;
}

try {
  const webhookUrl = `${workerUrl.replace(/\/+$/, "")}/webhooks/telegram`;
  await call("setWebhook", {
    url: webhookUrl,
    secret_token: secret,
    // callback_query: the buttons of approval questions.
    allowed_updates: ["message", "callback_query"],
    drop_pending_updates: false,
  });
  await call("setMyCommands", { commands: TELEGRAM_MENU });
  const info = webhookInfoSchema.parse(await call("getWebhookInfo", {}));
  console.log(`Webhook set to ${info.url} (pending updates: ${info.pending_update_count}).`);
  console.log(`Command menu registered: ${TELEGRAM_MENU.map((c) => `/${c.command}`).join(" ")}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
