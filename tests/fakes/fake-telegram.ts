import { createCallRecorder } from "./call-recorder.ts";
import {
  asRecord,
  type ControlRoutes,
  handleControlRequest,
  optionalNumber,
  optionalString,
} from "./control-routes.ts";
import { createFailureQueue } from "./failure-queue.ts";
import { listenOnLoopback, type RunningFakeServer } from "./fake-http-server.ts";
import { parseRateLimitBody, type RateLimit } from "./rate-window.ts";
import type { UploadedFile } from "./read-request-params.ts";
import { recordedCallsRoutes } from "./recorded-calls-routes.ts";
import {
  handleTelegramBotApi,
  type TelegramAnswer,
  type TelegramCall,
  type TelegramFailure,
  type TelegramRuntime,
} from "./telegram-bot-api.ts";
import { createTelegramBotState, type TelegramWebhookState } from "./telegram-bot-methods.ts";
import { createTelegramFileStore, parseFileControlBody } from "./telegram-files.ts";
import { deliverTelegramUpdate, type WebhookDelivery } from "./telegram-webhook-delivery.ts";

export type { TelegramAnswer, TelegramCall, TelegramFailure } from "./telegram-bot-api.ts";
export { FAKE_BOT_ID, FAKE_BOT_USERNAME } from "./telegram-bot-methods.ts";

export const DEFAULT_FAKE_TELEGRAM_TOKEN = "7000000001:AAFakeTelegramTokenForTests";

export interface FakeTelegramOptions {
  token?: string;
  port?: number;
  latencyMs?: number;
  /** `message_id` of the first message sent, also after `reset`; default 1. */
  firstMessageId?: number;
  /** See `TelegramHtmlOptions.strictAmpersand`; default true. */
  strictAmpersand?: boolean;
  /** See `TelegramHtmlOptions.strictNesting`; default true. */
  strictNesting?: boolean;
  /** Real Telegram refuses plain-http webhooks; off by default so local Workers can register. */
  requireHttpsWebhook?: boolean;
}

export interface FakeTelegram extends RunningFakeServer {
  token: string;
  calls(method?: string): TelegramCall[];
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<TelegramCall[]>;
  /** Files sent with multipart uploads, with their bytes. */
  uploads(): UploadedFile[];
  fail(failure: TelegramFailure): void;
  /** Answers the next calls with exactly this status and body; shares `fail`'s queue. */
  answer(answer: TelegramAnswer): void;
  setLatency(ms: number): void;
  /** How many drafts a chat may get per window before a 429 (default `DEFAULT_DRAFT_RATE`). */
  setDraftRate(limit: RateLimit): void;
  webhook(): TelegramWebhookState;
  /** What `getWebhookInfo` reports as `last_error_message`; undefined clears it. */
  setWebhookError(message: string | undefined): void;
  /** A file a person sent, for `getFile`; a `size` alone stands for a file too big to serve. */
  putFile(file: { fileId: string; bytes?: Buffer; size?: number; fileName?: string }): void;
  /** File ids downloaded through `/file/bot<token>/<path>`, in order. */
  downloads(): string[];
  /** POSTs an update to the registered webhook, as Telegram would. */
  deliverUpdate(update: Record<string, unknown>): Promise<WebhookDelivery>;
  reset(): void;
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? DEFAULT_FAKE_TELEGRAM_TOKEN;
  const stateOptions = {
    firstMessageId: options.firstMessageId ?? 1,
    strictAmpersand: options.strictAmpersand ?? true,
    strictNesting: options.strictNesting ?? true,
    requireHttpsWebhook: options.requireHttpsWebhook ?? false,
  };
  const runtime: TelegramRuntime = {
    token,
    bot: createTelegramBotState(stateOptions),
    latencyMs: options.latencyMs ?? 0,
    recorder: createCallRecorder<TelegramCall>(),
    answers: createFailureQueue<TelegramFailure | TelegramAnswer>(),
    uploads: [],
    files: createTelegramFileStore(),
  };
  const { recorder, answers, uploads } = runtime;
  let nextUpdateId = 100_000_001;
  const byMethod = (method?: string) => (call: TelegramCall) =>
    method === undefined || call.method === method;

  const fake: Omit<FakeTelegram, keyof RunningFakeServer> = {
    token,
    calls: (method) => recorder.list(byMethod(method)),
    waitForCalls: (method, count, timeoutMs) =>
      recorder.waitFor(byMethod(method), count, timeoutMs),
    uploads: () => [...uploads],
    putFile(file) {
      runtime.files.put(file);
    },
    downloads: () => runtime.files.downloads(),
    fail(failure) {
      answers.add(failure.method, failure.times ?? 1, failure, failure.after);
    },
    answer(answer) {
      if (answer.body === undefined) throw new Error("answer body is required");
      answers.add(answer.method, answer.times ?? 1, answer);
    },
    setLatency(ms) {
      runtime.latencyMs = ms;
    },
    setDraftRate(limit) {
      runtime.bot.drafts.setLimit(limit);
    },
    webhook: () => ({ ...runtime.bot.webhook }),
    setWebhookError(message) {
      const { lastErrorMessage: _m, lastErrorDate: _d, ...rest } = runtime.bot.webhook;
      runtime.bot.webhook =
        message === undefined
          ? rest
          : { ...rest, lastErrorMessage: message, lastErrorDate: Math.floor(Date.now() / 1000) };
    },
    async deliverUpdate(update) {
      const withId = { update_id: nextUpdateId++, ...update };
      const delivery = await deliverTelegramUpdate(runtime.bot.webhook, withId);
      fake.setWebhookError(delivery.error);
      return delivery;
    },
    reset() {
      runtime.bot = createTelegramBotState(stateOptions);
      recorder.clear();
      answers.clear();
      uploads.length = 0;
      runtime.files.clear();
      runtime.latencyMs = options.latencyMs ?? 0;
    },
  };

  const routes = createTelegramControlRoutes(fake, () => ({
    webhook: runtime.bot.webhook,
    commands: Object.fromEntries(runtime.bot.commands),
    nextMessageId: runtime.bot.nextMessageId,
    pendingAnswers: answers.pending(),
    latencyMs: runtime.latencyMs,
  }));
  const server = await listenOnLoopback(async (req, res, url) => {
    if (await handleControlRequest(routes, req, res, url)) return;
    if (runtime.files.serveDownload(url, runtime.token, res)) return;
    await handleTelegramBotApi(runtime, req, res, url);
  }, options.port);
  return { ...server, ...fake };
}

function createTelegramControlRoutes(
  fake: Omit<FakeTelegram, keyof RunningFakeServer>,
  snapshot: () => unknown,
): ControlRoutes {
  return {
    ...recordedCallsRoutes({
      listName: "calls",
      methodRequired: true,
      list: (method) => fake.calls(method),
      waitFor: (method, count, timeoutMs) => fake.waitForCalls(method ?? "", count, timeoutMs),
      setLatency: (ms) => fake.setLatency(ms),
      reset: () => fake.reset(),
    }),
    "GET state": () => ({ body: snapshot() }),
    "POST file": ({ body }) => {
      fake.putFile(parseFileControlBody(body));
      return { body: { ok: true } };
    },
    "GET downloads": () => ({ body: fake.downloads() }),
    "POST fail": ({ body }) => {
      const input = asRecord(body, "fail body");
      const method = optionalString(input.method, "method");
      const status = optionalNumber(input.status, "status");
      if (method === undefined || status === undefined)
        throw new Error("method and status are required");
      fake.fail({
        method,
        status,
        times: optionalNumber(input.times, "times") ?? 1,
        description: optionalString(input.description, "description"),
        retryAfter: optionalNumber(input.retryAfter, "retryAfter"),
        after: optionalNumber(input.after, "after"),
      });
      return { body: { ok: true } };
    },
    "POST answer": ({ body }) => {
      const input = asRecord(body, "answer body");
      const method = optionalString(input.method, "method");
      const status = optionalNumber(input.status, "status");
      if (method === undefined || status === undefined || input.body === undefined)
        throw new Error("method, status and body are required");
      fake.answer({
        method,
        status,
        body: input.body,
        times: optionalNumber(input.times, "times") ?? 1,
        contentType: optionalString(input.contentType, "contentType"),
      });
      return { body: { ok: true } };
    },
    "POST draft-rate": ({ body }) => {
      fake.setDraftRate(parseRateLimitBody(body, "draft-rate body"));
      return { body: { ok: true } };
    },
    "POST webhook-error": ({ body }) => {
      fake.setWebhookError(optionalString(asRecord(body, "webhook-error body").message, "message"));
      return { body: { ok: true } };
    },
    "POST deliver": async ({ body }) => {
      const update = asRecord(asRecord(body, "deliver body").update, "update");
      return { body: await fake.deliverUpdate(update) };
    },
  };
}
