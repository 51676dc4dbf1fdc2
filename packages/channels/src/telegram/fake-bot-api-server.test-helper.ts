import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { findTelegramHtmlProblem, telegramVisibleText } from "./check-telegram-html.test-helper";

export interface FakeBotApiCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
}

export interface FakeAnswer {
  status: number;
  /** A JSON value, or a string sent as-is (to play a proxy's HTML error page). */
  body: unknown;
}

export interface FakeBotApiServer {
  url: string;
  calls: FakeBotApiCall[];
  /** Answers the next call to `method` with this instead of the default behaviour. */
  enqueue(method: string, answer: FakeAnswer): void;
  close(): Promise<void>;
}

export const FAKE_BOT = {
  id: 7000000001,
  is_bot: true,
  first_name: "Molt",
  username: "molt_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

export function telegramError(status: number, description: string, retryAfter?: number) {
  const parameters = retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } };
  return { status, body: { ok: false, error_code: status, description, ...parameters } };
}

/**
 * A Bot API server on 127.0.0.1 that answers like Telegram does for the methods the client
 * uses, including refusing HTML its parser would refuse and texts over 4096 characters.
 */
export async function startFakeBotApiServer(): Promise<FakeBotApiServer> {
  const calls: FakeBotApiCall[] = [];
  const queues = new Map<string, FakeAnswer[]>();
  let nextMessageId = 5000;

  const answerDefault = (method: string, payload: Record<string, unknown>): FakeAnswer => {
    switch (method) {
      case "getMe":
        return ok(FAKE_BOT);
      case "getWebhookInfo":
        return ok({
          url: "https://molt.example.com/telegram/webhook",
          has_custom_certificate: false,
          pending_update_count: 0,
          max_connections: 40,
          ip_address: "203.0.113.7",
        });
      case "sendMessage":
        return answerSendMessage(payload, () => nextMessageId++);
      default:
        return ok(true);
    }
  };

  const server = createServer((req, res) => {
    void readJson(req).then((payload) => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      const token = decodeURIComponent(match?.[1] ?? "");
      const method = match?.[2] ?? "";
      calls.push({ method, token, payload });
      const answer = queues.get(method)?.shift() ?? answerDefault(method, payload);
      const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    enqueue(method, answer) {
      queues.set(method, [...(queues.get(method) ?? []), answer]);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function answerSendMessage(payload: Record<string, unknown>, nextId: () => number): FakeAnswer {
  const raw = typeof payload.text === "string" ? payload.text : "";
  if (payload.parse_mode === "HTML") {
    const problem = findTelegramHtmlProblem(raw);
    if (problem) return telegramError(400, `Bad Request: can't parse entities: ${problem}`);
  }
  const text = payload.parse_mode === "HTML" ? telegramVisibleText(raw) : raw;
  if (text.trim() === "") return telegramError(400, "Bad Request: message text is empty");
  if (text.length > 4096) return telegramError(400, "Bad Request: message is too long");
  const chatId = Number(payload.chat_id);
  return ok({
    message_id: nextId(),
    from: {
      id: FAKE_BOT.id,
      is_bot: true,
      first_name: FAKE_BOT.first_name,
      username: FAKE_BOT.username,
    },
    chat: { id: chatId, type: chatId < 0 ? "supergroup" : "private" },
    date: 1764090000,
    text,
    ...(typeof payload.message_thread_id === "number"
      ? { message_thread_id: payload.message_thread_id, is_topic_message: true }
      : {}),
  });
}

function ok(result: unknown): FakeAnswer {
  return { status: 200, body: { ok: true, result } };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}
