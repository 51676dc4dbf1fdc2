import type { ReplyAddress } from "@molt/contracts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../../../../tests/fakes/fake-telegram.ts";
import { sendTelegramReply, startTypingIndicator } from "./send-telegram-reply";
import { TelegramApiError } from "./telegram-api-error";
import { createTelegramClient, type TelegramClient } from "./telegram-client";

const TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw8";
const TOPIC: ReplyAddress = {
  channel: "telegram",
  chatId: "-1001987654321",
  threadId: "1190",
  replyToMessageId: "1203",
};
const PRIVATE: ReplyAddress = { channel: "telegram", chatId: "123456789" };
/** Far from 1, so message ids cannot be mistaken for chunk counts or indices. */
const FIRST_MESSAGE_ID = 5000;

describe("sendTelegramReply", () => {
  let fakeTelegram: FakeTelegram;
  let telegram: TelegramClient;

  beforeAll(async () => {
    fakeTelegram = await startFakeTelegram({ token: TOKEN, firstMessageId: FIRST_MESSAGE_ID });
    telegram = createTelegramClient({
      token: TOKEN,
      apiBaseUrl: fakeTelegram.url,
      fetch: (...args) => fetch(...args),
      sleep: async () => undefined,
    });
  });

  beforeEach(() => {
    fakeTelegram.reset();
  });

  afterAll(async () => {
    await fakeTelegram.close();
  });

  it("sends a short reply as HTML into the topic, quoting the question", async () => {
    const ids = await sendTelegramReply(telegram, TOPIC, "**Musée des Confluences** & more");
    expect(ids).toEqual([FIRST_MESSAGE_ID]);
    expect(fakeTelegram.calls()[0]?.params).toEqual({
      chat_id: "-1001987654321",
      message_thread_id: 1190,
      reply_parameters: { message_id: 1203, allow_sending_without_reply: true },
      text: "<b>Musée des Confluences</b> &amp; more",
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });

  it("sends a long reply as several messages, quoting only with the first", async () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Part ${i}: ${"word ".repeat(100)}`);
    const ids = await sendTelegramReply(telegram, TOPIC, paragraphs.join("\n\n"));
    expect(ids.length).toBeGreaterThan(2);
    const calls = fakeTelegram.calls();
    expect(ids).toEqual(calls.map((_, index) => FIRST_MESSAGE_ID + index));
    const payloads = calls.map((call) => call.params);
    expect(payloads[0]?.reply_parameters).toBeDefined();
    expect(payloads.slice(1).every((payload) => payload.reply_parameters === undefined)).toBe(true);
    expect(payloads.every((payload) => payload.message_thread_id === 1190)).toBe(true);
    expect(payloads.every((payload) => String(payload.text).length <= 4096)).toBe(true);
  });

  it("resends a chunk as plain text when Telegram cannot parse its HTML", async () => {
    fakeTelegram.fail({
      method: "sendMessage",
      status: 400,
      description: "Bad Request: can't parse entities: Unsupported start tag",
    });
    const ids = await sendTelegramReply(telegram, PRIVATE, "Use **bold** wisely");
    expect(ids).toEqual([FIRST_MESSAGE_ID]);
    expect(fakeTelegram.calls().map((call) => call.params)).toEqual([
      {
        chat_id: "123456789",
        text: "Use <b>bold</b> wisely",
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      },
      {
        chat_id: "123456789",
        text: "Use **bold** wisely",
        link_preview_options: { is_disabled: true },
      },
    ]);
  });

  it("passes on errors that plain text would not fix", async () => {
    fakeTelegram.fail({
      method: "sendMessage",
      status: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const error = await sendTelegramReply(telegram, PRIVATE, "hello").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramApiError);
    expect(error).toMatchObject({ errorCode: 403 });
    expect(fakeTelegram.calls()).toHaveLength(1);
  });

  it("previews only a link the person sent, never one the model wrote", async () => {
    const theirs = "https://example.org/a";
    const address = { ...PRIVATE, linksFromSender: [theirs] };
    await sendTelegramReply(telegram, address, "see https://evil.example/?d=secret");
    await sendTelegramReply(telegram, address, `see https://evil.example/?d=x and ${theirs}`);
    expect(fakeTelegram.calls().map((call) => call.params.link_preview_options)).toEqual([
      { is_disabled: true },
      { url: theirs },
    ]);
  });

  it("sends nothing for an empty reply", async () => {
    await expect(sendTelegramReply(telegram, PRIVATE, " \n ")).resolves.toEqual([]);
    expect(fakeTelegram.calls()).toEqual([]);
  });
});

describe("startTypingIndicator", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** An in-memory client: the indicator only needs `sendChatAction`. */
  function recordingClient(fail: boolean) {
    const actions: unknown[] = [];
    const rejectOrTrue = async (params: unknown): Promise<true> => {
      actions.push(params);
      if (fail)
        throw new TelegramApiError({
          method: "sendChatAction",
          errorCode: 429,
          description: "slow down",
        });
      return true;
    };
    const unused = async (): Promise<never> => {
      throw new Error("not used by the typing indicator");
    };
    const client: TelegramClient = {
      sendChatAction: rejectOrTrue,
      sendMessage: unused,
      editMessageText: unused,
      answerCallbackQuery: unused,
      sendPhoto: unused,
      sendMessageDraft: unused,
      sendMedia: unused,
      setWebhook: unused,
      deleteWebhook: unused,
      getWebhookInfo: unused,
      setMyCommands: unused,
      getMe: unused,
    };
    return { client, actions };
  }

  it("shows typing at once and every interval until stopped", () => {
    vi.useFakeTimers();
    const { client, actions } = recordingClient(false);
    const stop = startTypingIndicator(client, TOPIC, 4000);
    expect(actions).toEqual([
      { chat_id: "-1001987654321", action: "typing", message_thread_id: 1190 },
    ]);
    vi.advanceTimersByTime(8000);
    expect(actions).toHaveLength(3);
    stop();
    vi.advanceTimersByTime(20_000);
    expect(actions).toHaveLength(3);
  });

  it("swallows failures and keeps going", async () => {
    vi.useFakeTimers();
    const { client, actions } = recordingClient(true);
    const stop = startTypingIndicator(client, PRIVATE, 1000);
    await vi.advanceTimersByTimeAsync(2500);
    stop();
    expect(actions).toHaveLength(3);
  });
});
