import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../../../../tests/fakes/fake-telegram.ts";
import { sendTelegramPhoto, TELEGRAM_CAPTION_LIMIT } from "./send-telegram-photo";
import { createTelegramClient } from "./telegram-client";

const TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw8";
let fakeTelegram: FakeTelegram;

beforeAll(async () => {
  fakeTelegram = await startFakeTelegram({ token: TOKEN });
});
afterAll(() => fakeTelegram.close());

describe("sendTelegramPhoto", () => {
  it("uploads the bytes as a multipart photo into the chat and topic, caption cut", async () => {
    const client = createTelegramClient({
      token: TOKEN,
      apiBaseUrl: fakeTelegram.url,
      fetch: (...args) => fetch(...args),
    });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const messageId = await sendTelegramPhoto(
      client,
      { channel: "telegram", chatId: "4242", threadId: "7" },
      { bytes, fileName: "shot.png", caption: "x".repeat(TELEGRAM_CAPTION_LIMIT + 50) },
    );
    expect(messageId).toBeGreaterThan(0);
    const [call] = fakeTelegram.calls("sendPhoto");
    expect(call?.status).toBe(200);
    expect(call?.params).toMatchObject({ chat_id: "4242", message_thread_id: "7" });
    expect(String(call?.params.caption)).toHaveLength(TELEGRAM_CAPTION_LIMIT);
    const [upload] = fakeTelegram.uploads();
    expect(upload?.fileName).toBe("shot.png");
    expect([...(upload?.bytes ?? [])]).toEqual([...bytes]);
  });
});
