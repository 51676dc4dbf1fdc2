import type { IncomingMessage, ServerResponse } from "node:http";
import { createCallRecorder } from "./call-recorder.ts";
import {
  asRecord,
  type ControlRoutes,
  handleControlRequest,
  optionalNumber,
  optionalString,
} from "./control-routes.ts";
import { createFailureQueue } from "./failure-queue.ts";
import {
  listenOnLoopback,
  type RunningFakeServer,
  readBody,
  sendJson,
  sleep,
} from "./fake-http-server.ts";
import { createRateWindow, parseRateLimitBody, type RateLimit } from "./rate-window.ts";
import { readRequestParams } from "./read-request-params.ts";
import { recordedCallsRoutes } from "./recorded-calls-routes.ts";
import {
  createSlackSharedFiles,
  parseSharedFileBody,
  type SlackSharedFile,
} from "./slack-shared-files.ts";
import {
  createSlackWorkspaceState,
  FAKE_SLACK_BOT_SCOPES,
  findSlackMethod,
  type SlackEphemeral,
  type SlackStoredFile,
  type SlackStoredMessage,
  type SlackWorkspaceState,
} from "./slack-web-methods.ts";

export {
  FAKE_SLACK_BOT_ID,
  FAKE_SLACK_BOT_USER_ID,
  FAKE_SLACK_TEAM_ID,
} from "./slack-web-methods.ts";

export const DEFAULT_FAKE_SLACK_TOKEN = "xoxb-fake-slack-token-for-tests";

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** HTTP status of the answer. */
  status: number;
  /** Slack's `error` when the answer was `ok: false`. */
  error?: string;
}

export interface SlackFailure {
  /** A Web API method (`chat.postMessage`), `upload` for the upload URL, or "*". */
  method: string;
  times?: number;
  /** HTTP status; 200 with `error` gives Slack's usual `ok: false` answer. */
  status: number;
  error?: string;
  /** Seconds for the `Retry-After` header (429s). */
  retryAfter?: number;
  /** Let this many matching calls succeed before the failures start. */
  after?: number;
}

export interface FakeSlackOptions {
  token?: string;
  port?: number;
  latencyMs?: number;
}

export interface FakeSlack extends RunningFakeServer {
  token: string;
  calls(method?: string): SlackCall[];
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** Messages as they stand now (after any `chat.update`), optionally of one channel. */
  messages(channel?: string): SlackStoredMessage[];
  files(): SlackStoredFile[];
  /** Messages posted with `chat.postEphemeral` (seen by one user only). */
  ephemerals(): SlackEphemeral[];
  /** A file a person shared; returns its `url_private_download` on this fake. */
  shareFile(file: SlackSharedFile): string;
  /** Ids of shared files downloaded with the bot token, in order. */
  fileDownloads(): string[];
  fail(failure: SlackFailure): void;
  setLatency(ms: number): void;
  /** `chat.update`s allowed per channel and window before a 429 (default: Tier 3, 50 a minute). */
  setUpdateRate(limit: RateLimit): void;
  reset(): void;
}

/** Slack's Tier 3 (chat.update): about 50 calls a minute; metered per channel here. */
export const DEFAULT_UPDATE_RATE: RateLimit = { max: 50, windowMs: 60_000 };

/**
 * A fake Slack Web API: `POST /api/<method>` with a bearer token and a JSON or form body, the
 * methods the Worker uses, Slack's `{ ok, error }` envelope, 429 with `Retry-After`, and the
 * one-off upload URL of `files.getUploadURLExternal` (`POST /upload/<file_id>`).
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = options.token ?? DEFAULT_FAKE_SLACK_TOKEN;
  let state: SlackWorkspaceState = createSlackWorkspaceState();
  let latencyMs = options.latencyMs ?? 0;
  const recorder = createCallRecorder<SlackCall>();
  const failures = createFailureQueue<SlackFailure>();
  const updates = createRateWindow(DEFAULT_UPDATE_RATE);
  let origin = "";
  const shared = createSlackSharedFiles();

  const fake: Omit<FakeSlack, keyof RunningFakeServer> = {
    token,
    calls: (method) => recorder.list((call) => method === undefined || call.method === method),
    waitForCalls: (method, count, timeoutMs) =>
      recorder.waitFor((call) => call.method === method, count, timeoutMs),
    messages: (channel) =>
      state.messages
        .filter((m) => channel === undefined || m.channel === channel)
        .map((m) => ({ ...m })),
    files: () => [...state.files.values()].map((file) => ({ ...file })),
    ephemerals: () => state.ephemerals.map((message) => ({ ...message })),
    shareFile: (file) => shared.share(file, origin),
    fileDownloads: () => shared.downloads(),
    fail(failure) {
      failures.add(failure.method, failure.times ?? 1, failure, failure.after);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setUpdateRate(limit) {
      updates.setLimit(limit);
    },
    reset() {
      updates.setLimit(DEFAULT_UPDATE_RATE);
      state = createSlackWorkspaceState();
      shared.clear();
      recorder.clear();
      failures.clear();
      latencyMs = options.latencyMs ?? 0;
    },
  };

  const answer = (
    res: ServerResponse,
    call: Omit<SlackCall, "status" | "error">,
    status: number,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    const error = body.ok === false ? String(body.error) : undefined;
    recorder.record({ ...call, status, ...(error ? { error } : {}) });
    sendJson(res, status, body, headers);
  };

  const injected = (res: ServerResponse, call: Omit<SlackCall, "status" | "error">): boolean => {
    const failure = failures.take(call.method);
    if (!failure) return false;
    const error = failure.error ?? (failure.status === 429 ? "ratelimited" : "internal_error");
    const headers: Record<string, string> =
      failure.status === 429 ? { "retry-after": String(failure.retryAfter ?? 1) } : {};
    answer(res, call, failure.status, { ok: false, error }, headers);
    return true;
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = url.pathname.slice("/api/".length);
    const read = await readRequestParams(
      req.headers["content-type"],
      url,
      await readBody(req),
      new Set(),
    );
    const call = { method, params: read.ok ? read.params : {}, at: Date.now() };
    await sleep(latencyMs);
    if (req.headers.authorization !== `Bearer ${token}`) {
      answer(res, call, 200, {
        ok: false,
        error: req.headers.authorization ? "invalid_auth" : "not_authed",
      });
      return;
    }
    if (injected(res, call)) return;
    if (!read.ok) {
      answer(res, call, 200, { ok: false, error: "invalid_form_data" });
      return;
    }
    const retryAfter =
      method === "chat.update" ? updates.take(String(read.params.channel ?? "")) : undefined;
    if (retryAfter !== undefined) {
      answer(
        res,
        call,
        429,
        { ok: false, error: "ratelimited" },
        {
          "retry-after": String(retryAfter),
        },
      );
      return;
    }
    const handler = findSlackMethod(method);
    if (!handler) {
      answer(res, call, 200, { ok: false, error: "unknown_method" });
      return;
    }
    const result = handler(state, read.params, origin);
    answer(
      res,
      call,
      200,
      result.ok ? { ok: true, ...result.body } : { ok: false, error: result.error },
      // Slack names the token's scopes on every Web API answer.
      { "x-oauth-scopes": FAKE_SLACK_BOT_SCOPES.join(",") },
    );
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const fileId = url.pathname.slice("/upload/".length);
    const bytes = new Uint8Array(await readBody(req));
    const call = {
      method: "upload",
      params: { file_id: fileId, size: bytes.byteLength },
      at: Date.now(),
    };
    await sleep(latencyMs);
    if (injected(res, call)) return;
    const file = state.files.get(fileId);
    if (!file) {
      recorder.record({ ...call, status: 404 });
      res.writeHead(404).end("not found");
      return;
    }
    file.bytes = bytes;
    file.contentType = req.headers["content-type"];
    recorder.record({ ...call, status: 200 });
    res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${bytes.byteLength}`);
  }

  const routes = createSlackControlRoutes(fake);
  const server = await listenOnLoopback(async (req, res, url) => {
    if (await handleControlRequest(routes, req, res, url)) return;
    if (shared.serve(req, res, url, token)) return;
    if (req.method === "POST" && url.pathname.startsWith("/api/")) return handleApi(req, res, url);
    if (req.method === "POST" && url.pathname.startsWith("/upload/"))
      return handleUpload(req, res, url);
    sendJson(res, 404, { ok: false, error: "unknown_method" });
  }, options.port);
  origin = server.url;
  return { ...server, ...fake };
}

function createSlackControlRoutes(fake: Omit<FakeSlack, keyof RunningFakeServer>): ControlRoutes {
  return {
    ...recordedCallsRoutes({
      listName: "calls",
      methodRequired: true,
      list: (method) => fake.calls(method),
      waitFor: (method, count, timeoutMs) => fake.waitForCalls(method ?? "", count, timeoutMs),
      setLatency: (ms) => fake.setLatency(ms),
      reset: () => fake.reset(),
    }),
    "GET messages": ({ url }) => ({
      body: fake.messages(url.searchParams.get("channel") ?? undefined),
    }),
    "GET ephemerals": () => ({ body: fake.ephemerals() }),
    "GET files": () => ({
      body: fake.files().map(({ bytes, ...file }) => ({
        ...file,
        bytesBase64: bytes ? Buffer.from(bytes).toString("base64") : undefined,
      })),
    }),
    "POST update-rate": ({ body }) => {
      fake.setUpdateRate(parseRateLimitBody(body, "update-rate body"));
      return { body: { ok: true } };
    },
    "POST shared-file": ({ body }) => ({
      body: { urlPrivate: fake.shareFile(parseSharedFileBody(body)) },
    }),
    "GET file-downloads": () => ({ body: fake.fileDownloads() }),
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
        error: optionalString(input.error, "error"),
        retryAfter: optionalNumber(input.retryAfter, "retryAfter"),
        after: optionalNumber(input.after, "after"),
      });
      return { body: { ok: true } };
    },
  };
}
