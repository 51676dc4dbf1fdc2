import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listenOnLoopback, readBody, sendJson } from "../fakes/fake-http-server.ts";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import { getJson, postJson, readJson } from "./fake-test-helpers.ts";

const TOKEN = "123456:test-token";

describe("fake Telegram", () => {
  let telegram: FakeTelegram;
  const api = (method: string) => `${telegram.url}/bot${TOKEN}/${method}`;

  beforeAll(async () => {
    telegram = await startFakeTelegram({ token: TOKEN });
  });
  afterAll(() => telegram.close());
  beforeEach(() => telegram.reset());

  it("answers getMe with the test bot", async () => {
    const response = await fetch(api("getMe"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      result: { id: 7000000001, is_bot: true, username: "molt_test_bot" },
    });
  });

  it("takes drafts in private chats only, at the chat's rate, with 429 and retry_after", async () => {
    const draft = (chatId: number, text: string) =>
      postJson(api("sendMessageDraft"), { chat_id: chatId, draft_id: 7, text });
    expect((await draft(42, "one")).json).toEqual({ ok: true, result: true });
    const limited = await draft(42, "two");
    expect(limited.status).toBe(429);
    expect(limited.json.parameters.retry_after).toBeGreaterThanOrEqual(1);
    // Another chat has its own rate; a group gets no drafts; the draft id must not be 0.
    expect((await draft(43, "one")).status).toBe(200);
    expect((await draft(-1001, "group")).json.description).toContain("TEXTDRAFT_PEER_INVALID");
    const zero = await postJson(api("sendMessageDraft"), { chat_id: 44, draft_id: 0, text: "x" });
    expect(zero.status).toBe(400);
    const tooLong = await draft(45, "x".repeat(4097));
    expect(tooLong.json.description).toContain("message is too long");
  });

  it("takes documents and voice notes as uploads, refusing a voice note of another type", async () => {
    const upload = (method: string, field: string, name: string, bytes: number) => {
      const form = new FormData();
      form.set("chat_id", "42");
      form.set(field, new Blob([new Uint8Array(bytes)]), name);
      return fetch(api(method), { method: "POST", body: form }).then(readJson);
    };
    expect(await upload("sendDocument", "document", "report.pdf", 10)).toMatchObject({
      ok: true,
      result: { document: { file_name: "report.pdf", file_size: 10 } },
    });
    expect(await upload("sendVoice", "voice", "answer.ogg", 10)).toMatchObject({ ok: true });
    expect(await upload("sendVoice", "voice", "answer.wav", 10)).toMatchObject({
      ok: false,
      error_code: 400,
    });
  });

  it("refuses what Telegram refuses in inline keyboards, edits and callback answers", async () => {
    const tooLong = await postJson(api("sendMessage"), {
      chat_id: 42,
      text: "Allow?",
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "x".repeat(65) }]] },
    });
    expect(tooLong.json).toMatchObject({
      ok: false,
      description: "Bad Request: BUTTON_DATA_INVALID",
    });
    const sent = await postJson(api("sendMessage"), {
      chat_id: 42,
      text: "Allow?",
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "ap:a1:once" }]] },
    });
    const messageId = (sent.json as { result: { message_id: number } }).result.message_id;
    const edit = (body: Record<string, unknown>) => postJson(api("editMessageText"), body);
    expect((await edit({ chat_id: 42, message_id: messageId, text: "Allowed." })).status).toBe(200);
    expect(
      (await edit({ chat_id: 42, message_id: messageId, text: "Allowed." })).json,
    ).toMatchObject({ ok: false, description: expect.stringContaining("message is not modified") });
    expect((await edit({ chat_id: 43, message_id: messageId, text: "x" })).json).toMatchObject({
      ok: false,
      description: "Bad Request: message to edit not found",
    });
    expect((await postJson(api("answerCallbackQuery"), {})).status).toBe(400);
    const answered = await postJson(api("answerCallbackQuery"), {
      callback_query_id: "1",
      text: "Denied.",
    });
    expect(answered.json).toEqual({ ok: true, result: true });
    expect(telegram.calls("sendMessage").at(-1)?.messageId).toBe(messageId);
  });

  it("answers 401 Unauthorized for a wrong token", async () => {
    const response = await postJson(`${telegram.url}/botnope/getMe`, {});
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
  });

  it("sends messages with incrementing ids and Telegram's HTML errors", async () => {
    const first = await postJson(api("sendMessage"), {
      chat_id: 42,
      text: "<b>hi</b> &amp; bye",
      parse_mode: "HTML",
    });
    expect(first.json).toMatchObject({
      ok: true,
      result: {
        message_id: 1,
        chat: { id: 42, type: "private" },
        text: "hi & bye",
        entities: [{ type: "bold", offset: 0, length: 2 }],
      },
    });
    expect(typeof first.json.result.date).toBe("number");

    // Form bodies work too, and numeric strings are read as ids.
    const second = await fetch(api("sendMessage"), {
      method: "POST",
      body: new URLSearchParams({ chat_id: "42", text: "plain <b> is fine without parse_mode" }),
    });
    expect((await readJson(second)).result.message_id).toBe(2);

    const bad = await postJson(api("sendMessage"), {
      chat_id: 42,
      text: "<b>unclosed",
      parse_mode: "HTML",
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      ok: false,
      error_code: 400,
      description:
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    });

    // 4096 characters after entity parsing is fine; 4097 is not.
    const atLimit = `<b>${"&amp;".repeat(4096)}</b>`;
    expect(
      (await postJson(api("sendMessage"), { chat_id: 42, text: atLimit, parse_mode: "HTML" }))
        .status,
    ).toBe(200);
    const tooLong = await postJson(api("sendMessage"), { chat_id: 42, text: "x".repeat(4097) });
    expect(tooLong.json.description).toBe("Bad Request: message is too long");

    expect(telegram.calls("sendMessage").map((call) => call.status)).toEqual([
      200, 200, 400, 200, 400,
    ]);
  });

  it("injects 429 with retry_after through the control API, then recovers", async () => {
    const control = await postJson(`${telegram.url}/__control/fail`, {
      method: "sendMessage",
      times: 1,
      status: 429,
      retryAfter: 3,
    });
    expect(control.status).toBe(200);

    const limited = await postJson(api("sendMessage"), { chat_id: 1, text: "a" });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      parameters: { retry_after: 3 },
    });
    expect((await postJson(api("sendChatAction"), { chat_id: 1, action: "typing" })).status).toBe(
      200,
    );
    expect((await postJson(api("sendMessage"), { chat_id: 1, text: "a" })).status).toBe(200);

    const calls = await getJson(`${telegram.url}/__control/calls?method=sendMessage`);
    expect(calls.map((call: { status: number }) => call.status)).toEqual([429, 200]);
  });

  it("answers the next calls exactly as queued, in order with injected failures", async () => {
    telegram.answer({ method: "getMe", status: 502, body: "<html>Bad Gateway</html>" });
    telegram.fail({ method: "getMe", status: 401 });
    const control = await postJson(`${telegram.url}/__control/answer`, {
      method: "getMe",
      times: 2,
      status: 200,
      body: { ok: true, result: { id: "not a number" } },
      contentType: "application/json; charset=utf-8",
    });
    expect(control.status).toBe(200);
    const state = await getJson(`${telegram.url}/__control/state`);
    expect(state.pendingAnswers.map((entry: { remaining: number }) => entry.remaining)).toEqual([
      1, 1, 2,
    ]);

    const page = await fetch(api("getMe"));
    expect(page.status).toBe(502);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toBe("<html>Bad Gateway</html>");
    const refused = await fetch(api("getMe"));
    expect(await refused.json()).toEqual({
      ok: false,
      error_code: 401,
      description: "Unauthorized",
    });
    for (let i = 0; i < 2; i += 1) {
      const malformed = await fetch(api("getMe"));
      expect(malformed.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await malformed.json()).toEqual({ ok: true, result: { id: "not a number" } });
    }
    expect((await readJson(await fetch(api("getMe")))).result.username).toBe("molt_test_bot");
    expect(telegram.calls("getMe").map((call) => call.status)).toEqual([502, 401, 200, 200, 200]);

    // A queued answer waits for its method, and the control API insists on a body.
    telegram.answer({ method: "sendMessage", status: 200, body: { ok: true, result: true } });
    expect((await getJson(api("getWebhookInfo"))).result.url).toBe("");
    const missing = await postJson(`${telegram.url}/__control/answer`, {
      method: "getMe",
      status: 200,
    });
    expect(missing.status).toBe(400);
    telegram.reset();
    expect((await getJson(`${telegram.url}/__control/state`)).pendingAnswers).toEqual([]);
  });

  it("counts message ids from firstMessageId, again after a reset", async () => {
    const numbered = await startFakeTelegram({ token: TOKEN, firstMessageId: 5000 });
    try {
      const send = async () => {
        const url = `${numbered.url}/bot${TOKEN}/sendMessage`;
        return (await postJson(url, { chat_id: 1, text: "x" })).json.result.message_id;
      };
      expect([await send(), await send()]).toEqual([5000, 5001]);
      numbered.reset();
      expect(await send()).toBe(5000);
    } finally {
      await numbered.close();
    }
    await expect(startFakeTelegram({ firstMessageId: 0 })).rejects.toThrow(/firstMessageId/);
  });

  it("rejects nesting Telegram would flatten unless strictNesting is off", async () => {
    const quoteInQuote = "<blockquote>a <blockquote>b</blockquote></blockquote>";
    const strict = await postJson(api("sendMessage"), {
      chat_id: 1,
      text: quoteInQuote,
      parse_mode: "HTML",
    });
    expect(strict.json).toEqual({
      ok: false,
      error_code: 400,
      description:
        'Bad Request: can\'t parse entities: Tag "blockquote" at byte offset 14 can\'t be nested in "blockquote"',
    });
    const lenient = await startFakeTelegram({ token: TOKEN, strictNesting: false });
    try {
      const sent = await postJson(`${lenient.url}/bot${TOKEN}/sendMessage`, {
        chat_id: 1,
        text: quoteInQuote,
        parse_mode: "HTML",
      });
      expect(sent.json).toMatchObject({ ok: true, result: { text: "a b" } });
    } finally {
      await lenient.close();
    }
  });

  it("records multipart photo uploads", async () => {
    const form = new FormData();
    form.set("chat_id", "42");
    form.set("caption", "<i>chart</i>");
    form.set("parse_mode", "HTML");
    form.set("photo", new Blob([new Uint8Array(1234)], { type: "image/png" }), "chart.png");
    const response = await fetch(api("sendPhoto"), { method: "POST", body: form });
    expect(response.status).toBe(200);
    expect((await readJson(response)).result).toMatchObject({
      caption: "chart",
      photo: [{ file_size: 1234 }],
    });
    const [call] = telegram.calls("sendPhoto");
    expect(call?.params).toMatchObject({
      caption: "<i>chart</i>",
      photo: { file: true, fileName: "chart.png", mimeType: "image/png", size: 1234 },
    });
    expect(telegram.uploads()[0]?.bytes.byteLength).toBe(1234);
  });

  it("accepts grammY-style multipart with attach:// references", async () => {
    // Byte for byte what grammY sends: no spaces in headers, unquoted filename.
    const boundary = "----------grammy";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n` +
          `--${boundary}\r\ncontent-disposition:form-data;name="photo"\r\n\r\nattach://f1\r\n` +
          `--${boundary}\r\ncontent-disposition:form-data;name="f1";filename=a.png\r\n` +
          "content-type:application/octet-stream\r\n\r\n",
      ),
      Buffer.alloc(300, 7),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await fetch(api("sendPhoto"), {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBe(200);
    expect(telegram.calls("sendPhoto")[0]?.params).toEqual({
      chat_id: "42",
      photo: {
        file: true,
        fileName: "a.png",
        mimeType: "application/octet-stream",
        size: 300,
        sha256: expect.any(String),
      },
    });
    expect(telegram.uploads()[0]).toMatchObject({ field: "photo", size: 300 });
  });

  it("keeps webhook and command state", async () => {
    await postJson(api("setWebhook"), { url: "https://example.com/hook", secret_token: "s3cret" });
    const info = await getJson(api("getWebhookInfo"));
    expect(info.result).toMatchObject({ url: "https://example.com/hook", pending_update_count: 0 });
    await postJson(`${telegram.url}/__control/webhook-error`, { message: "Connection refused" });
    expect((await getJson(api("getWebhookInfo"))).result.last_error_message).toBe(
      "Connection refused",
    );
    expect((await postJson(api("deleteWebhook"), {})).json.description).toBe("Webhook was deleted");
    expect((await getJson(api("getWebhookInfo"))).result.url).toBe("");

    const commands = [{ command: "new", description: "Start a new session" }];
    expect((await postJson(api("setMyCommands"), { commands })).json.result).toBe(true);
    expect((await getJson(api("getMyCommands"))).result).toEqual(commands);
    const invalid = await postJson(api("setMyCommands"), {
      commands: [{ command: "Bad!", description: "x" }],
    });
    expect(invalid.status).toBe(400);
  });

  it("waits for calls and delivers updates to the webhook with the secret header", async () => {
    const seen: Array<{ secret: string | undefined; body: unknown }> = [];
    const receiver = await listenOnLoopback(async (req, res) => {
      const secret = req.headers["x-telegram-bot-api-secret-token"];
      seen.push({
        secret: typeof secret === "string" ? secret : undefined,
        body: JSON.parse((await readBody(req)).toString()),
      });
      sendJson(res, 200, {});
    });
    try {
      await postJson(api("setWebhook"), {
        url: `${receiver.url}/webhooks/telegram`,
        secret_token: "abc",
      });
      const delivery = await postJson(`${telegram.url}/__control/deliver`, {
        update: { message: { message_id: 5, text: "hello" } },
      });
      expect(delivery.json).toMatchObject({ status: 200 });
      expect(seen).toEqual([
        {
          secret: "abc",
          body: { update_id: expect.any(Number), message: { message_id: 5, text: "hello" } },
        },
      ]);

      const waiting = telegram.waitForCalls("sendMessage", 2, 2000);
      await postJson(api("sendMessage"), { chat_id: 1, text: "one" });
      await postJson(api("sendMessage"), { chat_id: 1, text: "two" });
      expect((await waiting).map((call) => call.params.text)).toEqual(["one", "two"]);
      await expect(telegram.waitForCalls("sendPhoto", 1, 50)).rejects.toThrow(/timed out/);
    } finally {
      await receiver.close();
    }
  });
});
