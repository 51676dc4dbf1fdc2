import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallRecorder } from "./call-recorder.ts";
import type { FailureQueue } from "./failure-queue.ts";
import { readBody, sendJson, sleep } from "./fake-http-server.ts";
import { readRequestParams, type UploadedFile } from "./read-request-params.ts";
import {
  findTelegramMethod,
  TELEGRAM_JSON_FIELDS,
  type TelegramBotState,
  type TelegramReply,
} from "./telegram-bot-methods.ts";
import type { TelegramFileStore } from "./telegram-files.ts";

export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** HTTP status the fake answered with, so a test can tell injected failures apart. */
  status: number;
  /** The message id a successful send or edit answered with. */
  messageId?: number;
}

export interface TelegramFailure {
  /** A Bot API method name, or "*" for whatever call comes next. */
  method: string;
  times?: number;
  status: number;
  description?: string;
  retryAfter?: number;
  /** Let this many matching calls succeed before the failures start. */
  after?: number;
}

/**
 * An exact answer for the next calls, for what `TelegramFailure` cannot express: a proxy's HTML
 * error page, a malformed envelope, a result of the wrong shape.
 */
export interface TelegramAnswer {
  /** A Bot API method name, or "*" for whatever call comes next. */
  method: string;
  times?: number;
  status: number;
  /** A string is sent byte for byte; any other value as JSON. */
  body: unknown;
  /** Defaults to `application/json`, or `text/html; charset=utf-8` for a string body. */
  contentType?: string;
}

/** The mutable state of one fake Telegram server, shared by the Bot API and control routes. */
export interface TelegramRuntime {
  token: string;
  bot: TelegramBotState;
  latencyMs: number;
  recorder: CallRecorder<TelegramCall>;
  /** Injected failures and exact answers, in one queue so they are used up in the order queued. */
  answers: FailureQueue<TelegramFailure | TelegramAnswer>;
  uploads: UploadedFile[];
  /** Files people sent, served by `getFile` and `/file/bot<token>/<path>`. */
  files: TelegramFileStore;
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden: bot was blocked by the user",
  404: "Not Found",
  409: "Conflict: terminated by other getUpdates request",
  500: "Internal Server Error",
  502: "Bad Gateway",
};

function failureReply(failure: TelegramFailure): TelegramReply {
  if (failure.status === 429) {
    const retryAfter = failure.retryAfter ?? 1;
    return {
      ok: false,
      error_code: 429,
      description: failure.description ?? `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    };
  }
  return {
    ok: false,
    error_code: failure.status,
    description: failure.description ?? DEFAULT_DESCRIPTIONS[failure.status] ?? "Error",
  };
}

function sendAnswer(res: ServerResponse, answer: TelegramAnswer): void {
  if (typeof answer.body !== "string") {
    const headers: Record<string, string> = answer.contentType
      ? { "content-type": answer.contentType }
      : {};
    sendJson(res, answer.status, answer.body, headers);
    return;
  }
  res.writeHead(answer.status, {
    "content-type": answer.contentType ?? "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}

/**
 * Serves `/bot<token>/<method>` in Telegram's order of checks: token, method, parameters, then
 * any injected failure or exact answer, then the method itself. Every call is recorded with the
 * status sent.
 */
export async function handleTelegramBotApi(
  runtime: TelegramRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
  const body = await readBody(req);
  await sleep(runtime.latencyMs);
  if (!match) {
    sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  const [, pathToken = "", rawMethod = ""] = match;
  const method = findTelegramMethod(rawMethod);
  const parsed = await readRequestParams(
    req.headers["content-type"],
    url,
    body,
    TELEGRAM_JSON_FIELDS,
  );
  const call = { method: method?.name ?? rawMethod, params: parsed.ok ? parsed.params : {} };
  const reply = (answer: TelegramReply) => {
    const status = answer.ok ? 200 : answer.error_code;
    const messageId = answer.ok
      ? (answer.result as { message_id?: unknown } | null)?.message_id
      : undefined;
    runtime.recorder.record({
      ...call,
      at: Date.now(),
      status,
      ...(typeof messageId === "number" ? { messageId } : {}),
    });
    sendJson(res, status, answer);
  };
  if (decodeURIComponent(pathToken) !== runtime.token) {
    return reply({ ok: false, error_code: 401, description: "Unauthorized" });
  }
  if (!method) return reply({ ok: false, error_code: 404, description: "Not Found" });
  if (!parsed.ok) return reply({ ok: false, error_code: 400, description: parsed.description });
  const injected = runtime.answers.take(method.name);
  if (injected && "body" in injected) {
    runtime.recorder.record({ ...call, at: Date.now(), status: injected.status });
    return sendAnswer(res, injected);
  }
  if (injected) return reply(failureReply(injected));
  const result =
    method.name === "getFile"
      ? runtime.files.getFile(parsed.params)
      : method.run(parsed.params, runtime.bot);
  if (result.ok) runtime.uploads.push(...parsed.files);
  reply(result);
}
