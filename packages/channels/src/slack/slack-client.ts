import { z } from "zod";
import { SlackApiError } from "./slack-api-error";

export const SLACK_API_BASE_URL = "https://slack.com/api";
/** Retries after the first attempt when Slack answers 429. */
export const SLACK_MAX_RATE_LIMIT_RETRIES = 3;
/** Longer waits than this fail fast (the outbox retries later) instead of holding the turn. */
export const SLACK_MAX_RETRY_AFTER_SECONDS = 30;
/** Slack's `Retry-After` is sometimes missing on a 429; this is what its docs suggest then. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

export interface SlackClientOptions {
  token: string;
  apiBaseUrl?: string;
  fetch: typeof fetch;
  /** Waits between rate-limit retries; injected so tests need not wait for real. */
  sleep?: (milliseconds: number) => Promise<void>;
  maxRetryAfterSeconds?: number;
}

const okSchema = z.looseObject({ ok: z.literal(true) });
const failureSchema = z.looseObject({ ok: z.literal(false), error: z.string() });

export const slackPostedMessageSchema = okSchema.extend({ channel: z.string(), ts: z.string() });
export type SlackPostedMessage = z.infer<typeof slackPostedMessageSchema>;

export const slackAuthTestSchema = okSchema.extend({
  user_id: z.string(),
  team_id: z.string(),
  bot_id: z.string().optional(),
});
export type SlackAuthTest = z.infer<typeof slackAuthTestSchema>;

export const slackUploadUrlSchema = okSchema.extend({
  upload_url: z.url(),
  file_id: z.string(),
});

export const slackCompletedUploadSchema = okSchema.extend({
  files: z.array(z.looseObject({ id: z.string(), title: z.string().optional() })),
});
export type SlackCompletedUpload = z.infer<typeof slackCompletedUploadSchema>;

/**
 * Whether Slack may unfurl the message's links. Off unless the sender asks: Slack fetches an
 * unfurled link at once, so a link with data in its query (written by a model that read a
 * hostile page) would leak that data without anyone clicking it.
 */
export interface SlackUnfurl {
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

export interface SlackPostMessageParams extends SlackUnfurl {
  channel: string;
  text: string;
  thread_ts?: string;
  /** False posts the text verbatim (the fallback when mrkdwn is refused). */
  mrkdwn?: boolean;
  /** Block Kit layout; `text` is then the notification's fallback. */
  blocks?: unknown[];
}

export interface SlackUpdateMessageParams extends SlackUnfurl {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
}

export interface SlackClient {
  postMessage(params: SlackPostMessageParams): Promise<SlackPostedMessage>;
  updateMessage(params: SlackUpdateMessageParams): Promise<SlackPostedMessage>;
  /** `chat.update` that throws on a 429 at once (with `retryAfter`), for live previews. */
  updateMessageNoWait(params: SlackUpdateMessageParams): Promise<SlackPostedMessage>;
  /** A message only `user` sees in `channel` (a refused button press). */
  postEphemeral(params: {
    channel: string;
    user: string;
    text: string;
    thread_ts?: string;
  }): Promise<void>;
  authTest(): Promise<SlackAuthTest>;
  getUploadUrl(params: { filename: string; length: number }): Promise<{
    upload_url: string;
    file_id: string;
  }>;
  /** Sends the bytes to the one-off URL from `getUploadUrl` (no token: the URL authorizes). */
  uploadToUrl(uploadUrl: string, bytes: Uint8Array, contentType: string): Promise<void>;
  completeUpload(params: {
    files: Array<{ id: string; title?: string }>;
    channel_id: string;
    thread_ts?: string;
    initial_comment?: string;
  }): Promise<SlackCompletedUpload>;
}

/**
 * A small Web API client on `fetch` (the official `@slack/web-api` needs Node). Every answer is
 * checked with zod, `ok: false` becomes a `SlackApiError`, and 429s are waited out a few times.
 */
export function createSlackClient(options: SlackClientOptions): SlackClient {
  const baseUrl = (options.apiBaseUrl ?? SLACK_API_BASE_URL).replace(/\/+$/, "");
  const sleep = options.sleep ?? sleepWithTimer;
  const maxWait = options.maxRetryAfterSeconds ?? SLACK_MAX_RETRY_AFTER_SECONDS;

  async function call<T>(
    method: string,
    schema: z.ZodType<T>,
    body: { json: unknown } | { form: Record<string, string> },
    maxRetries: number = SLACK_MAX_RATE_LIMIT_RETRIES,
  ): Promise<T> {
    for (let retries = 0; ; retries += 1) {
      const response = await send(method, body);
      if (response.status === 429) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        await response.body?.cancel();
        if (retries >= maxRetries || retryAfter > maxWait) {
          throw new SlackApiError({ method, status: 429, error: "ratelimited", retryAfter });
        }
        await sleep(retryAfter * 1000);
        continue;
      }
      return parseAnswer(method, response, schema);
    }
  }

  async function send(
    method: string,
    body: { json: unknown } | { form: Record<string, string> },
  ): Promise<Response> {
    const isJson = "json" in body;
    try {
      return await options.fetch(`${baseUrl}/${method}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.token}`,
          "content-type": isJson
            ? "application/json; charset=utf-8"
            : "application/x-www-form-urlencoded",
        },
        body: isJson ? JSON.stringify(body.json) : new URLSearchParams(body.form).toString(),
      });
    } catch (error) {
      // Only a redacted reason is kept: the error itself could carry request details.
      const reason =
        error instanceof Error ? error.message.replaceAll(options.token, "[redacted]") : "";
      throw new SlackApiError({
        method,
        status: undefined,
        error: `request failed ${reason}`.trim(),
      });
    }
  }

  return {
    postMessage: (params) =>
      call("chat.postMessage", slackPostedMessageSchema, { json: { ...NO_UNFURL, ...params } }),
    // Slack documents the unfurl flags for chat.postMessage; they are sent on chat.update too so
    // that an edit never turns unfurling back on where Slack honours them.
    updateMessage: (params) =>
      call("chat.update", slackPostedMessageSchema, { json: { ...NO_UNFURL, ...params } }),
    updateMessageNoWait: (params) =>
      call("chat.update", slackPostedMessageSchema, { json: { ...NO_UNFURL, ...params } }, 0),
    postEphemeral: async (params) => {
      await call("chat.postEphemeral", okSchema, { json: params });
    },
    authTest: () => call("auth.test", slackAuthTestSchema, { form: {} }),
    // The files.* upload methods take form fields, not JSON.
    getUploadUrl: (params) =>
      call("files.getUploadURLExternal", slackUploadUrlSchema, {
        form: { filename: params.filename, length: String(params.length) },
      }),
    async uploadToUrl(uploadUrl, bytes, contentType) {
      let response: Response;
      try {
        response = await options.fetch(uploadUrl, {
          method: "POST",
          headers: { "content-type": contentType },
          // A copy is backed by a plain ArrayBuffer, which is what fetch bodies accept.
          body: bytes.slice(),
        });
      } catch {
        throw new SlackApiError({
          method: "file upload",
          status: undefined,
          error: "request failed",
        });
      }
      await response.body?.cancel();
      if (!response.ok) {
        throw new SlackApiError({
          method: "file upload",
          status: response.status,
          error: "upload refused",
        });
      }
    },
    completeUpload: (params) =>
      call("files.completeUploadExternal", slackCompletedUploadSchema, {
        form: {
          files: JSON.stringify(params.files),
          channel_id: params.channel_id,
          ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}),
          ...(params.initial_comment ? { initial_comment: params.initial_comment } : {}),
        },
      }),
  };
}

async function parseAnswer<T>(
  method: string,
  response: Response,
  schema: z.ZodType<T>,
): Promise<T> {
  let value: unknown;
  try {
    value = await response.json();
  } catch {
    throw new SlackApiError({ method, status: response.status, error: "the answer is not JSON" });
  }
  const failure = failureSchema.safeParse(value);
  if (failure.success) {
    throw new SlackApiError({ method, status: response.status, error: failure.data.error });
  }
  if (!response.ok) {
    throw new SlackApiError({ method, status: response.status, error: `HTTP ${response.status}` });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new SlackApiError({
      method,
      status: response.status,
      error: "the answer does not have the documented shape",
    });
  }
  return parsed.data;
}

function parseRetryAfter(header: string | null): number {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds >= 0
    ? seconds
    : DEFAULT_RETRY_AFTER_SECONDS;
}

function sleepWithTimer(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
