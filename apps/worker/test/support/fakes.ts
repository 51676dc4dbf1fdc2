import { inject } from "vitest";

const POLL_INTERVAL_MS = 50;
/** What ends a Slack live preview (`SLACK_PREVIEW_CURSOR` in packages/channels). */
export const SLACK_PREVIEW_CURSOR = " ▍";
export const WAIT_TIMEOUT_MS = 10_000;

export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  status: number;
  /** The message id a successful send or edit answered with. */
  messageId?: number;
}

export interface ModelRequest {
  path: string;
  at: number;
  body: {
    messages: Array<{ role: string; content: unknown }>;
    tools?: unknown[];
    model: string;
  };
  /** Estimated prompt tokens, and how many began like a recent prompt (the fake's cache). */
  promptTokens?: number;
  sharedPrefixTokens?: number;
}

export interface ScriptedReply {
  text?: string;
  toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }>;
  error?: { status: number; message: string };
  delayMs?: number;
  /** Pause between streamed chunks. */
  chunkDelayMs?: number;
}

async function control<T>(baseUrl: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/__control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`fake control ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function urls() {
  return inject("fakeUrls");
}

/** Polls until `read` returns a value that passes `done`, or fails after a bounded wait. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

export const fakeTelegram = {
  async calls(method?: string): Promise<TelegramCall[]> {
    const query = method ? `?method=${method}` : "";
    return control<TelegramCall[]>(urls().TELEGRAM_API_BASE_URL, `calls${query}`);
  },
  /** Successful messages sent to one chat, in order. */
  async sentTo(chatId: number | string): Promise<TelegramCall[]> {
    const calls = await this.calls("sendMessage");
    return calls.filter(
      (call) => String(call.params.chat_id) === String(chatId) && call.status === 200,
    );
  },
  async waitForMessages(chatId: number | string, count: number, timeoutMs?: number) {
    return waitFor(
      () => this.sentTo(chatId),
      (calls) => calls.length >= count,
      `${count} message(s) to chat ${chatId}`,
      timeoutMs,
    );
  },
  fail(failure: {
    method: string;
    times?: number;
    status: number;
    description?: string;
    retryAfter?: number;
    /** Successful calls let through before the failures start. */
    after?: number;
  }) {
    return control(urls().TELEGRAM_API_BASE_URL, "fail", failure);
  },
  /** Drafts one chat may get per window before a 429 (until the next reset). */
  setDraftRate(limit: { max: number; windowMs: number }) {
    return control(urls().TELEGRAM_API_BASE_URL, "draft-rate", limit);
  },
  /** Every `sendMessageDraft` to one chat, refused ones included, in order. */
  async draftsTo(chatId: number | string): Promise<TelegramCall[]> {
    const calls = await this.calls("sendMessageDraft");
    return calls.filter((call) => String(call.params.chat_id) === String(chatId));
  },
};

function modelControlUrl(): string {
  return urls().OPENAI_BASE_URL.replace(/\/v1$/, "");
}

export const fakeModel = {
  script(replies: ScriptedReply[]) {
    return control(modelControlUrl(), "script", replies);
  },
  async requests(): Promise<ModelRequest[]> {
    return control<ModelRequest[]>(modelControlUrl(), "requests");
  },
  /** Requests whose last user message contains `marker`: how tests find their own turns. */
  async requestsMentioning(marker: string): Promise<ModelRequest[]> {
    return (await this.requests()).filter((request) =>
      JSON.stringify(request.body.messages.at(-1)).includes(marker),
    );
  },
  fail(failure: {
    status: number;
    message: string;
    times?: number;
    hangUp?: boolean;
    /** Only requests for this model name fail; unset: any model. */
    model?: string;
    /** Requests for the model answered before the failures start. */
    after?: number;
  }) {
    return control(modelControlUrl(), "fail", failure);
  },
  /** Clears the script, recorded requests and failures a test left behind. */
  reset() {
    return control(modelControlUrl(), "reset", {});
  },
};

export const fakeAccess = {
  async sign(options: {
    aud: string | string[];
    email?: string;
    /** A service token's Client ID: the token then has `common_name` and no email. */
    commonName?: string;
    issuer?: string;
    expiresInSeconds?: number;
    alg?: "RS256" | "HS256" | "none";
    foreign?: boolean;
    claims?: Record<string, unknown>;
  }): Promise<string> {
    return (await control<{ token: string }>(urls().ACCESS_TEAM_DOMAIN, "sign", options)).token;
  },
  stats(): Promise<{ certsFetches: number; kids: string[] }> {
    return control(urls().ACCESS_TEAM_DOMAIN, "stats");
  },
  /** Replaces the signing key: tokens signed from now on carry a kid the Worker has not seen. */
  rotate(): Promise<{ kid: string }> {
    return control(urls().ACCESS_TEAM_DOMAIN, "rotate", {});
  },
};

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  status: number;
  error?: string;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  edits: number;
  blocks?: Array<{ type: string; elements?: Array<{ action_id: string; value?: string }> }>;
}

function slackControlUrl(): string {
  return urls().SLACK_API_BASE_URL.replace(/\/api$/, "");
}

export const fakeSlack = {
  async calls(method?: string): Promise<SlackCall[]> {
    return control<SlackCall[]>(slackControlUrl(), `calls${method ? `?method=${method}` : ""}`);
  },
  /** Messages in one channel as they stand now (placeholders show their replaced text). */
  async messages(channel: string): Promise<SlackMessage[]> {
    return control<SlackMessage[]>(slackControlUrl(), `messages?channel=${channel}`);
  },
  /**
   * Waits until the channel holds `count` messages that are neither the "working" placeholder
   * nor a live preview of the answer (which ends with the cursor `▍`).
   */
  async waitForAnswers(channel: string, count: number, timeoutMs?: number) {
    return waitFor(
      async () =>
        (await this.messages(channel)).filter(
          (m) => !m.text.startsWith("Working on it") && !m.text.endsWith(SLACK_PREVIEW_CURSOR),
        ),
      (messages) => messages.length >= count,
      `${count} answer(s) in Slack channel ${channel}`,
      timeoutMs,
    );
  },
  fail(failure: {
    method: string;
    status: number;
    error?: string;
    times?: number;
    retryAfter?: number;
    after?: number;
  }) {
    return control(slackControlUrl(), "fail", failure);
  },
  /** Files uploaded and completed, with where they were shared (bytes as base64). */
  async files(): Promise<
    Array<{
      id: string;
      filename: string;
      length: number;
      title?: string;
      contentType?: string;
      bytesBase64?: string;
      sharedIn?: { channel: string; threadTs?: string };
    }>
  > {
    return control(slackControlUrl(), "files");
  },
  /** `chat.update`s one channel may get per window before a 429 (until the next reset). */
  setUpdateRate(limit: { max: number; windowMs: number }) {
    return control(slackControlUrl(), "update-rate", limit);
  },
  /** Messages posted with chat.postEphemeral (one user's eyes only). */
  ephemerals(): Promise<Array<{ channel: string; user: string; text: string }>> {
    return control(slackControlUrl(), "ephemerals");
  },
};

/** Clears recorded calls and queued scripts/failures so one test file never sees another's. */
export async function resetFakes(): Promise<void> {
  await Promise.all([
    control(slackControlUrl(), "reset", {}),
    control(urls().TELEGRAM_API_BASE_URL, "reset", {}),
    control(modelControlUrl(), "reset", {}),
  ]);
}
