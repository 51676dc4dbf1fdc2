import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { E2E_WEBHOOK_SECRET, SCREENSHOT_DIR } from "../setup/e2e-settings.ts";

const POLL_INTERVAL_MS = 100;

export function stack() {
  return inject("e2e");
}

/** A fresh browser context on the shared Chromium, with the admin UI's origin as base URL. */
export async function openAdminPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.connect(stack().browserWsEndpoint, { timeout: 30_000 });
  const context = await browser.newContext({
    baseURL: stack().baseUrl,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { browser, page };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The admin API as the browser reaches it (DEV_MODE on localhost: no Access token). */
export async function adminApi<T>(pathname: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${stack().baseUrl}${pathname}`, init);
  if (!response.ok)
    throw new Error(`${pathname}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

let nextUpdateId = 700_000_000 + Math.floor(Math.random() * 1_000_000) * 10;

/** Posts a private text message from `personId` to the Telegram webhook, as Telegram would. */
export async function sendTelegramText(personId: number, text: string) {
  const update = JSON.parse(
    await readFile("tests/fixtures/telegram/private-text.json", "utf8"),
  ) as {
    update_id: number;
    message: { message_id: number; text: string; from: { id: number }; chat: { id: number } };
  };
  update.update_id = nextUpdateId++;
  update.message.message_id = update.update_id % 100_000;
  update.message.from.id = personId;
  update.message.chat.id = personId;
  update.message.text = text;
  const response = await fetch(`${stack().baseUrl}/webhooks/telegram`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "X-Telegram-Bot-Api-Secret-Token": E2E_WEBHOOK_SECRET,
    },
    body: JSON.stringify(update),
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  return (await response.json()) as { outcome?: string; userId?: string };
}

async function control<T>(baseUrl: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/__control/${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`fake control ${route}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export interface ModelRequest {
  body: { messages: Array<{ role: string; content: unknown }> };
}

export const fakeModel = {
  url: () => stack().fakeUrls.OPENAI_BASE_URL.replace(/\/v1$/, ""),
  script: (replies: unknown[]) => control(fakeModel.url(), "script", replies),
  requests: () => control<ModelRequest[]>(fakeModel.url(), "requests"),
};

export const fakeTelegram = {
  sentTo: async (chatId: number) =>
    (
      await control<Array<{ params: Record<string, unknown>; status: number }>>(
        stack().fakeUrls.TELEGRAM_API_BASE_URL,
        "calls?method=sendMessage",
      )
    ).filter((call) => String(call.params.chat_id) === String(chatId) && call.status === 200),
};

/** Polls until `read` gives a value passing `done`, failing after `timeoutMs`. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
