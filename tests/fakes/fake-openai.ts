import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createCallRecorder } from "./call-recorder.ts";
import {
  asRecord,
  type ControlRoutes,
  handleControlRequest,
  optionalNumber,
  optionalString,
} from "./control-routes.ts";
import { ANY_KEY, createFailureQueue } from "./failure-queue.ts";
import {
  listenOnLoopback,
  type RunningFakeServer,
  readBody,
  sendJson,
  sleep,
} from "./fake-http-server.ts";
import { createFakeSpeech } from "./fake-speech.ts";
import { handleOpenAITranscription } from "./openai-transcriptions.ts";
import {
  buildChunks,
  buildCompletion,
  type CompletionMeta,
  estimateTokens,
  openAIError,
  type ResolvedReply,
  resolveReply,
  type ScriptedError,
  type ScriptedReply,
} from "./openai-wire.ts";
import { parseScript } from "./parse-openai-script.ts";
import {
  cachedTokensFor,
  createPromptPrefixCache,
  serializedPrompt,
} from "./prompt-prefix-cache.ts";
import { recordedCallsRoutes } from "./recorded-calls-routes.ts";

export type { ScriptedReply, ScriptedToolCall } from "./openai-wire.ts";

export const DEFAULT_FAKE_MODEL = "fake-model";

export interface FakeOpenAIOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  port?: number;
  latencyMs?: number;
  /** Ids listed by `GET /v1/models`. */
  models?: string[];
}

export interface OpenAIRequestRecord {
  path: string;
  /** When the request body had been read (ms since the epoch). */
  at: number;
  /** When the answer had been fully written (ms since the epoch); unset while it is in progress. */
  finishedAt?: number;
  /** When the first piece of answer text was written (streamed answers with text only). */
  firstTextAt?: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body: model, messages, tools, stream, ... */
  body: Record<string, unknown>;
  /** Estimated prompt tokens, and how many of them began like a recent prompt (unrounded). */
  promptTokens?: number;
  sharedPrefixTokens?: number;
  /** The same for the messages alone (as if the provider put the tools after them). */
  messagesTokens?: number;
  sharedMessagesPrefixTokens?: number;
}

export interface OpenAIFailure extends ScriptedError {
  times?: number;
  /** Sent as `retry-after-ms`, which the AI SDK honours, so retry tests stay fast. */
  retryAfterMs?: number;
  /** Closes the connection without an answer, as an unreachable or crashing server would. */
  hangUp?: boolean;
  /** Fails only requests for this model name (the request's `model`); unset: any model. */
  model?: string;
  /** Requests for the model let through before the failures start. */
  after?: number;
}

export interface FakeOpenAI extends RunningFakeServer {
  /** What to configure as `OPENAI_BASE_URL`: the origin plus `/v1`. */
  baseUrl: string;
  /** Replaces the queue of scripted replies; each completion request consumes one. */
  setScript(replies: ScriptedReply[]): void;
  remainingScript(): ScriptedReply[];
  requests(): OpenAIRequestRecord[];
  waitForRequests(count: number, timeoutMs?: number): Promise<OpenAIRequestRecord[]>;
  /** Fails the next `times` completion requests without consuming scripted replies. */
  fail(failure: OpenAIFailure): void;
  setLatency(ms: number): void;
  reset(): void;
}

const COMPLETION_PATHS = new Set(["/v1/chat/completions", "/chat/completions"]);
const MODELS_PATHS = new Set(["/v1/models", "/models"]);

function sendError(
  res: ServerResponse,
  error: ScriptedError,
  headers: Record<string, string> = {},
) {
  sendJson(res, error.status, openAIError(error), headers);
}

function checkApiKey(req: IncomingMessage, apiKey: string | undefined): ScriptedError | undefined {
  if (apiKey === undefined) return undefined;
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Bearer ") || header.length <= "Bearer ".length) {
    return {
      status: 401,
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      code: null,
    };
  }
  const given = header.slice("Bearer ".length);
  if (given === apiKey) return undefined;
  return {
    status: 401,
    message: `Incorrect API key provided: ${given.slice(0, 4)}***. You can find your API key at https://platform.openai.com/account/api-keys.`,
    code: "invalid_api_key",
  };
}

function validateBody(body: Record<string, unknown>): ScriptedError | undefined {
  if (typeof body.model !== "string" || body.model === "") {
    return { status: 400, message: "you must provide a model parameter" };
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { status: 400, message: "[] is too short - 'messages'" };
  }
  return undefined;
}

const UNPARSABLE_BODY_ERROR: ScriptedError = {
  status: 400,
  message:
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
};

function parseJsonObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One JSON completion, or with `stream: true` SSE chunks ending in `data: [DONE]`, paced by
 * `chunkDelayMs` when given.
 */
async function writeCompletion(
  res: ServerResponse,
  meta: CompletionMeta,
  reply: ResolvedReply,
  body: Record<string, unknown>,
  chunkDelayMs = 0,
  onFirstText?: () => void,
): Promise<void> {
  if (body.stream !== true) {
    sendJson(res, 200, buildCompletion(meta, reply));
    return;
  }
  const streamOptions = (body.stream_options ?? {}) as Record<string, unknown>;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  let textSeen = false;
  for (const chunk of buildChunks(meta, reply, streamOptions.include_usage === true)) {
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    const delta = (chunk as { choices?: Array<{ delta?: { content?: unknown } }> }).choices?.[0]
      ?.delta?.content;
    if (!textSeen && typeof delta === "string" && delta !== "") {
      textSeen = true;
      onFirstText?.();
    }
    if (chunkDelayMs > 0) await sleep(chunkDelayMs);
  }
  res.end("data: [DONE]\n\n");
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let script: ScriptedReply[] = [];
  let latencyMs = options.latencyMs ?? 0;
  let completionCount = 0;
  let toolCallCount = 0;
  const recorder = createCallRecorder<OpenAIRequestRecord>();
  const failures = createFailureQueue<OpenAIFailure>();
  const prefixCache = createPromptPrefixCache();
  const messagesPrefixCache = createPromptPrefixCache();
  const models = options.models ?? [DEFAULT_FAKE_MODEL];

  const handleCompletion = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const body = parseJsonObject(await readBody(req));
    const record: OpenAIRequestRecord = {
      path,
      at: Date.now(),
      headers: req.headers,
      body: body ?? {},
    };
    // Lets a benchmark subtract the time spent in the model from end-to-end latencies.
    res.once("finish", () => {
      record.finishedAt = Date.now();
    });
    recorder.record(record);
    if (!body) return sendError(res, UNPARSABLE_BODY_ERROR);
    const rejected = checkApiKey(req, options.apiKey) ?? validateBody(body);
    if (rejected) return sendError(res, rejected);
    const failure = failures.take(body.model as string);
    if (failure?.hangUp) {
      req.socket.destroy();
      return;
    }
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfterMs !== undefined
          ? { "retry-after-ms": String(failure.retryAfterMs) }
          : {};
      return sendError(res, failure, headers);
    }
    const scripted = script.shift() ?? {};
    await sleep(scripted.delayMs ?? 0);
    if (scripted.error) return sendError(res, scripted.error);

    completionCount += 1;
    const reply = resolveReply(scripted, body.messages, () => `call_${++toolCallCount}`);
    const prefix = prefixCache.observe(serializedPrompt(body));
    const promptTokens = estimateTokens(prefix.promptChars);
    record.promptTokens = promptTokens;
    record.sharedPrefixTokens = Math.floor(prefix.sharedPrefixChars / 4);
    const messagesPrefix = messagesPrefixCache.observe(JSON.stringify(body.messages ?? []));
    record.messagesTokens = estimateTokens(messagesPrefix.promptChars);
    record.sharedMessagesPrefixTokens = Math.floor(messagesPrefix.sharedPrefixChars / 4);
    const meta = {
      id: `chatcmpl-fake${String(completionCount).padStart(6, "0")}`,
      created: Math.floor(Date.now() / 1000),
      model: body.model as string,
      promptTokens,
      cachedTokens: cachedTokensFor(record.sharedPrefixTokens, promptTokens),
    };
    await writeCompletion(res, meta, reply, body, scripted.chunkDelayMs, () => {
      record.firstTextAt = Date.now();
    });
  };

  const fake: Omit<FakeOpenAI, keyof RunningFakeServer | "baseUrl"> = {
    setScript(replies) {
      script = [...replies];
    },
    remainingScript: () => [...script],
    requests: () => recorder.list(),
    waitForRequests: (count, timeoutMs) => recorder.waitFor(() => true, count, timeoutMs),
    fail(failure) {
      failures.add(failure.model ?? ANY_KEY, failure.times ?? 1, failure, failure.after);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    reset() {
      speech.clear();
      script = [];
      completionCount = 0;
      toolCallCount = 0;
      recorder.clear();
      failures.clear();
      prefixCache.reset();
      messagesPrefixCache.reset();
      latencyMs = options.latencyMs ?? 0;
    },
  };

  const speech = createFakeSpeech();
  const routes = {
    ...createOpenAIControlRoutes(fake),
    "GET speech": () => ({ body: speech.requests() }),
  };
  const server = await listenOnLoopback(async (req, res, url) => {
    if (await handleControlRequest(routes, req, res, url)) return;
    await sleep(latencyMs);
    if (speech.handles(req.method, url.pathname)) return speech.handle(req, res);
    if (req.method === "POST" && COMPLETION_PATHS.has(url.pathname)) {
      return handleCompletion(req, res, url.pathname);
    }
    if (req.method === "POST" && url.pathname === "/v1/audio/transcriptions") {
      const rejected = checkApiKey(req, options.apiKey);
      if (rejected) return sendError(res, rejected);
      return handleOpenAITranscription(req, res);
    }
    if (req.method === "GET" && MODELS_PATHS.has(url.pathname)) {
      const rejected = checkApiKey(req, options.apiKey);
      if (rejected) return sendError(res, rejected);
      const data = models.map((id) => ({
        id,
        object: "model",
        created: 1_700_000_000,
        owned_by: "fake-openai",
      }));
      return sendJson(res, 200, { object: "list", data });
    }
    sendError(res, { status: 404, message: `Invalid URL (${req.method} ${url.pathname})` });
  }, options.port);
  return { ...server, ...fake, baseUrl: `${server.url}/v1` };
}

function createOpenAIControlRoutes(
  fake: Omit<FakeOpenAI, keyof RunningFakeServer | "baseUrl">,
): ControlRoutes {
  return {
    "POST script": ({ body }) => {
      fake.setScript(parseScript(body));
      return { body: { ok: true, queued: fake.remainingScript().length } };
    },
    "GET script": () => ({ body: fake.remainingScript() }),
    // The model API has one method: listing and waiting ignore `method`.
    ...recordedCallsRoutes({
      listName: "requests",
      methodRequired: false,
      list: () => fake.requests(),
      waitFor: (_method, count, timeoutMs) => fake.waitForRequests(count, timeoutMs),
      setLatency: (ms) => fake.setLatency(ms),
      reset: () => fake.reset(),
    }),
    "POST fail": ({ body }) => {
      const input = asRecord(body, "fail body");
      const status = optionalNumber(input.status, "status");
      if (status === undefined) throw new Error("status is required");
      fake.fail({
        status,
        message:
          optionalString(input.message, "message") ??
          "The server had an error while processing your request.",
        times: optionalNumber(input.times, "times") ?? 1,
        type: optionalString(input.type, "type"),
        code: optionalString(input.code, "code"),
        retryAfterMs: optionalNumber(input.retryAfterMs, "retryAfterMs"),
        hangUp: input.hangUp === true,
        model: optionalString(input.model, "model"),
        after: optionalNumber(input.after, "after"),
      });
      return { body: { ok: true } };
    },
  };
}
