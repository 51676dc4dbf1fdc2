import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  FAKE_BOT_ID,
  type FakeTelegram,
  startFakeTelegram,
} from "../../../../tests/fakes/fake-telegram.ts";
import { TelegramApiError } from "./telegram-api-error";
import { createTelegramClient, type TelegramClientOptions } from "./telegram-client";

const TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw8";
/** Far from 1, so a message id cannot pass by coincidence. */
const FIRST_MESSAGE_ID = 5000;

let fakeTelegram: FakeTelegram;
let waits: number[];

beforeAll(async () => {
  fakeTelegram = await startFakeTelegram({ token: TOKEN, firstMessageId: FIRST_MESSAGE_ID });
});

beforeEach(() => {
  fakeTelegram.reset();
  waits = [];
});

afterAll(async () => {
  await fakeTelegram.close();
});

function client(overrides: Partial<TelegramClientOptions> = {}) {
  return createTelegramClient({
    token: TOKEN,
    apiBaseUrl: `${fakeTelegram.url}/`,
    fetch: (...args) => fetch(...args),
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
    },
    ...overrides,
  });
}

async function caught(promise: Promise<unknown>): Promise<TelegramApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TelegramApiError);
  const apiError = error as TelegramApiError;
  const everything = [apiError.message, apiError.stack, String(apiError), JSON.stringify(apiError)];
  for (const text of everything) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.split(":")[1]);
  }
  return apiError;
}

describe("createTelegramClient", () => {
  it("edits a message without a link preview unless the caller asks for one, as it sends", async () => {
    const telegram = client();
    const sent = await telegram.sendMessage({
      chat_id: 42,
      text: "Allow https://evil.example/?q=1",
    });
    await telegram.editMessageText({
      chat_id: 42,
      message_id: sent.message_id,
      text: "Denied: https://evil.example/?q=secret",
    });
    await telegram.editMessageText({
      chat_id: 42,
      message_id: sent.message_id,
      text: "Theirs: https://example.com/",
      link_preview_options: { url: "https://example.com/" },
    });
    const edits = fakeTelegram.calls("editMessageText");
    expect(edits.map((call) => call.params.link_preview_options)).toEqual([
      { is_disabled: true },
      { url: "https://example.com/" },
    ]);
    const missing = await caught(
      telegram.editMessageText({ chat_id: 42, message_id: 999_999, text: "gone" }),
    );
    expect(missing).toMatchObject({ errorCode: 400 });
    expect(missing.message).toContain("message to edit not found");
    await expect(
      telegram.answerCallbackQuery({ callback_query_id: "cb-1", text: "Denied." }),
    ).resolves.toBe(true);
  });

  it("calls the Bot API with the token in the path and parses the results", async () => {
    const telegram = client();
    await expect(telegram.getMe()).resolves.toMatchObject({
      id: FAKE_BOT_ID,
      username: "molt_test_bot",
    });
    const sent = await telegram.sendMessage({ chat_id: 123456789, text: "hi" });
    expect(sent).toMatchObject({
      message_id: FIRST_MESSAGE_ID,
      chat: { id: 123456789 },
      text: "hi",
    });
    await expect(telegram.getWebhookInfo()).resolves.toMatchObject({ pending_update_count: 0 });
    await expect(
      telegram.setWebhook({
        url: "https://molt.example.com/telegram/webhook",
        secret_token: "s3cret",
        allowed_updates: ["message"],
      }),
    ).resolves.toBe(true);
    await expect(
      telegram.setMyCommands({ commands: [{ command: "new", description: "Start over" }] }),
    ).resolves.toBe(true);
    await expect(telegram.sendChatAction({ chat_id: 1, action: "typing" })).resolves.toBe(true);
    await expect(telegram.deleteWebhook()).resolves.toBe(true);

    const calls = fakeTelegram.calls();
    expect(calls.map((call) => call.method)).toEqual([
      "getMe",
      "sendMessage",
      "getWebhookInfo",
      "setWebhook",
      "setMyCommands",
      "sendChatAction",
      "deleteWebhook",
    ]);
    // The fake answers 401 to any token but TOKEN, so 200 everywhere means the token was sent.
    expect(calls.every((call) => call.status === 200)).toBe(true);
    expect(calls[3]?.params).toMatchObject({ secret_token: "s3cret" });
  });

  it("waits out 429 answers for the time Telegram asks, then succeeds", async () => {
    fakeTelegram.fail({
      method: "sendMessage",
      status: 429,
      description: "Too Many Requests: retry after 3",
      retryAfter: 3,
    });
    fakeTelegram.fail({
      method: "sendMessage",
      status: 429,
      description: "Too Many Requests: retry after 1",
      retryAfter: 1,
    });
    const sent = await client().sendMessage({ chat_id: 1, text: "eventually" });
    expect(sent.text).toBe("eventually");
    expect(waits).toEqual([3000, 1000]);
  });

  it("gives up after three retries with a typed 429 error", async () => {
    fakeTelegram.fail({
      method: "sendMessage",
      times: 4,
      status: 429,
      description: "Too Many Requests: retry after 2",
      retryAfter: 2,
    });
    const error = await caught(client().sendMessage({ chat_id: 1, text: "never" }));
    expect(error).toMatchObject({ method: "sendMessage", errorCode: 429, retryAfter: 2 });
    expect(waits).toEqual([2000, 2000, 2000]);
    expect(fakeTelegram.calls()).toHaveLength(4);
  });

  it("does not sit through a wait longer than the configured maximum", async () => {
    fakeTelegram.fail({
      method: "sendMessage",
      status: 429,
      description: "Too Many Requests: retry after 600",
      retryAfter: 600,
    });
    const error = await caught(client().sendMessage({ chat_id: 1, text: "later" }));
    expect(error).toMatchObject({ errorCode: 429, retryAfter: 600 });
    expect(waits).toEqual([]);
  });

  it("reports API errors with Telegram's code and description", async () => {
    fakeTelegram.fail({ method: "getMe", status: 401, description: "Unauthorized" });
    const error = await caught(client().getMe());
    expect(error).toMatchObject({ errorCode: 401, description: "Unauthorized" });
    expect(error.message).toBe("Telegram getMe failed (401): Unauthorized");
  });

  it("reports an answer that is not a Bot API response without leaking the token", async () => {
    fakeTelegram.answer({ method: "getMe", status: 502, body: "<html>Bad Gateway</html>" });
    fakeTelegram.answer({
      method: "getWebhookInfo",
      status: 200,
      body: { ok: true, result: { url: 42 } },
    });
    fakeTelegram.answer({ method: "sendChatAction", status: 200, body: { status: "fine" } });
    expect(await caught(client().getMe())).toMatchObject({ errorCode: undefined });
    expect(await caught(client().getWebhookInfo())).toMatchObject({ errorCode: undefined });
    expect(await caught(client().sendChatAction({ chat_id: 1, action: "typing" }))).toMatchObject({
      errorCode: undefined,
      description: "the answer is not a Bot API response",
    });
  });

  it("keeps the token out of network errors, even when fetch puts the URL in its message", async () => {
    const leakyFetch: typeof fetch = async (input) => {
      throw new TypeError(`fetch failed for ${String(input)}`);
    };
    const error = await caught(client({ fetch: leakyFetch }).getMe());
    expect(error.errorCode).toBeUndefined();
    expect(error.description).toContain("[redacted]");

    const closed = createTelegramClient({
      token: TOKEN,
      apiBaseUrl: "http://127.0.0.1:9",
      fetch: (...args) => fetch(...args),
    });
    expect((await caught(closed.getMe())).errorCode).toBeUndefined();
  });
});
