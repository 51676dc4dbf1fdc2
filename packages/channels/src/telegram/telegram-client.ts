import type { Opts } from "grammy/types";
import { Api, GrammyError, InputFile, type RawApi, type Transformer } from "grammy/web";
import { z } from "zod";
import { redactTelegramToken, TelegramApiError } from "./telegram-api-error";
import {
  type TelegramBotUser,
  type TelegramWebhookInfo,
  telegramApiResponseSchema,
  telegramBotUserSchema,
  telegramTrueSchema,
  telegramWebhookInfoSchema,
} from "./telegram-api-response";
import { type TelegramMessage, telegramMessageSchema } from "./telegram-update";

export const TELEGRAM_API_BASE_URL = "https://api.telegram.org";
/** Retries after the first attempt when Telegram answers 429. */
export const TELEGRAM_MAX_RATE_LIMIT_RETRIES = 3;
/** Longer waits than this fail fast: a Worker request should not sit idle for minutes. */
export const TELEGRAM_MAX_RETRY_AFTER_SECONDS = 30;

/**
 * Every message goes out without a link preview unless its sender asks for one: Telegram's
 * servers fetch a previewed link at once, so a link with data in its query (written by a model
 * that read a hostile page) would leak that data without anyone clicking it.
 */
export const NO_LINK_PREVIEW = { is_disabled: true } as const;

export interface TelegramClientOptions {
  token: string;
  apiBaseUrl?: string;
  fetch: typeof fetch;
  /** Waits between rate-limit retries; injected so tests need not wait for real. */
  sleep?: (milliseconds: number) => Promise<void>;
  maxRetryAfterSeconds?: number;
}

export interface TelegramPhoto extends Omit<Opts<"sendPhoto">, "photo"> {
  photo: { bytes: Uint8Array; fileName: string };
}

/** How a file is shown in the chat; each is its own Bot API method and upload field. */
export type TelegramMediaKind = "photo" | "document" | "voice" | "audio";

export interface TelegramMedia {
  chat_id: number | string;
  file: { bytes: Uint8Array; fileName: string };
  caption?: string;
  message_thread_id?: number;
}

export interface TelegramClient {
  sendMessage(params: Opts<"sendMessage">): Promise<TelegramMessage>;
  /** Edits a sent message; like sendMessage, without a link preview unless asked for. */
  editMessageText(params: Opts<"editMessageText">): Promise<TelegramMessage | true>;
  answerCallbackQuery(params: Opts<"answerCallbackQuery">): Promise<true>;
  sendChatAction(params: Opts<"sendChatAction">): Promise<true>;
  /**
   * Shows a draft of a message being written (private chats). A 429 is not waited out here:
   * a draft that has to wait is stale, so the caller skips ahead instead.
   */
  sendMessageDraft(params: Opts<"sendMessageDraft">): Promise<true>;
  /** Uploads an image as a multipart `sendPhoto`. */
  sendPhoto(params: TelegramPhoto): Promise<TelegramMessage>;
  /** Uploads a file as a multipart `sendPhoto`, `sendDocument`, `sendVoice` or `sendAudio`. */
  sendMedia(kind: TelegramMediaKind, params: TelegramMedia): Promise<TelegramMessage>;
  setWebhook(params: Opts<"setWebhook">): Promise<true>;
  deleteWebhook(params?: Opts<"deleteWebhook">): Promise<true>;
  getWebhookInfo(): Promise<TelegramWebhookInfo>;
  setMyCommands(params: Opts<"setMyCommands">): Promise<true>;
  getMe(): Promise<TelegramBotUser>;
}

/**
 * A Bot API client on grammY's `Api` (its web build, which needs nothing from Node) with the
 * `fetch` we are given. Every answer is checked with zod, 429s are waited out a few times, and
 * every failure surfaces as a `TelegramApiError` whose text cannot contain the token.
 */
export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const { token } = options;
  const api = new Api(token, {
    apiRoot: (options.apiBaseUrl ?? TELEGRAM_API_BASE_URL).replace(/\/+$/, ""),
    fetch: options.fetch,
  });
  api.config.use(
    retryOnRateLimit(
      options.sleep ?? sleepWithTimer,
      options.maxRetryAfterSeconds ?? TELEGRAM_MAX_RETRY_AFTER_SECONDS,
    ),
  );

  async function call<T>(
    method: string,
    schema: z.ZodType<T>,
    run: (raw: RawApi) => Promise<unknown>,
  ): Promise<T> {
    let result: unknown;
    try {
      result = await run(api.raw);
    } catch (error) {
      throw toTelegramApiError(method, error, token);
    }
    const parsed = schema.safeParse(result);
    if (!parsed.success) {
      throw new TelegramApiError({
        method,
        errorCode: undefined,
        description: "the result does not have the documented shape",
      });
    }
    return parsed.data;
  }

  return {
    sendMessage: (params) =>
      call("sendMessage", telegramMessageSchema, (r) =>
        r.sendMessage({ link_preview_options: NO_LINK_PREVIEW, ...params }),
      ),
    editMessageText: (params) =>
      call("editMessageText", z.union([telegramMessageSchema, telegramTrueSchema]), (r) =>
        r.editMessageText({ link_preview_options: NO_LINK_PREVIEW, ...params }),
      ),
    answerCallbackQuery: (params) =>
      call("answerCallbackQuery", telegramTrueSchema, (r) => r.answerCallbackQuery(params)),
    sendPhoto: ({ photo, ...params }) =>
      call("sendPhoto", telegramMessageSchema, (r) =>
        r.sendPhoto({ ...params, photo: new InputFile(photo.bytes, photo.fileName) }),
      ),
    sendMedia: (kind, { file, ...params }) => {
      const upload = new InputFile(file.bytes, file.fileName);
      switch (kind) {
        case "photo":
          return call("sendPhoto", telegramMessageSchema, (r) =>
            r.sendPhoto({ ...params, photo: upload }),
          );
        case "document":
          return call("sendDocument", telegramMessageSchema, (r) =>
            r.sendDocument({ ...params, document: upload }),
          );
        case "voice":
          return call("sendVoice", telegramMessageSchema, (r) =>
            r.sendVoice({ ...params, voice: upload }),
          );
        case "audio":
          return call("sendAudio", telegramMessageSchema, (r) =>
            r.sendAudio({ ...params, audio: upload }),
          );
      }
    },
    sendChatAction: (params) =>
      call("sendChatAction", telegramTrueSchema, (r) => r.sendChatAction(params)),
    sendMessageDraft: (params) =>
      call("sendMessageDraft", telegramTrueSchema, (r) => r.sendMessageDraft(params)),
    setWebhook: (params) => call("setWebhook", telegramTrueSchema, (r) => r.setWebhook(params)),
    deleteWebhook: (params) =>
      call("deleteWebhook", telegramTrueSchema, (r) => r.deleteWebhook(params ?? {})),
    getWebhookInfo: () =>
      call("getWebhookInfo", telegramWebhookInfoSchema, (r) => r.getWebhookInfo()),
    setMyCommands: (params) =>
      call("setMyCommands", telegramTrueSchema, (r) => r.setMyCommands(params)),
    getMe: () => call("getMe", telegramBotUserSchema, (r) => r.getMe()),
  };
}

/** Methods whose caller handles a 429 itself (drafts skip ahead rather than wait). */
const NOT_RETRIED_ON_RATE_LIMIT: ReadonlySet<string> = new Set(["sendMessageDraft"]);

/**
 * A grammY transformer sees every answer before it becomes a result or an error, which makes
 * it the one place to validate the envelope and to honour `retry_after`.
 */
function retryOnRateLimit(
  sleep: (milliseconds: number) => Promise<void>,
  maxRetryAfterSeconds: number,
): Transformer {
  const transformer = async (...[prev, method, payload, signal]: Parameters<Transformer>) => {
    for (let retries = 0; ; retries += 1) {
      const answer = telegramApiResponseSchema.safeParse(await prev(method, payload, signal));
      if (!answer.success) {
        throw new TelegramApiError({
          method,
          errorCode: undefined,
          description: "the answer is not a Bot API response",
        });
      }
      const response = answer.data;
      const retryAfter = response.ok ? undefined : response.parameters?.retry_after;
      const shouldRetry =
        !response.ok &&
        !NOT_RETRIED_ON_RATE_LIMIT.has(method) &&
        response.error_code === 429 &&
        retryAfter !== undefined &&
        retryAfter <= maxRetryAfterSeconds &&
        retries < TELEGRAM_MAX_RATE_LIMIT_RETRIES;
      if (!shouldRetry) return response;
      await sleep(retryAfter * 1000);
    }
  };
  return transformer as Transformer;
}

function toTelegramApiError(method: string, error: unknown, token: string): TelegramApiError {
  if (error instanceof TelegramApiError) return error;
  if (error instanceof GrammyError) {
    return new TelegramApiError({
      method,
      errorCode: error.error_code,
      description: redactTelegramToken(error.description, token),
      retryAfter: error.parameters.retry_after,
    });
  }
  // Network failures: some fetch implementations put the request URL, token included, in
  // their message, so only a redacted copy of the message is kept and never the error itself.
  const reason =
    error instanceof Error ? redactTelegramToken(describeErrorChain(error), token) : "";
  return new TelegramApiError({
    method,
    errorCode: undefined,
    description: reason ? `request failed: ${reason}` : "request failed",
  });
}

/** grammY's `HttpError` keeps the fetch failure in `error`; other errors use `cause`. */
function describeErrorChain(error: Error): string {
  const inner = (error as { error?: unknown }).error ?? error.cause;
  return inner instanceof Error ? `${error.message} (${describeErrorChain(inner)})` : error.message;
}

function sleepWithTimer(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
