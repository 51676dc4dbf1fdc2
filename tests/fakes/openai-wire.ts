/**
 * The OpenAI chat completions wire format, built the way api.openai.com answers, so clients
 * (the AI SDK's OpenAI provider among them) parse the fake exactly as they parse the real thing.
 */

export interface ScriptedToolCall {
  name: string;
  /** An object is serialized to JSON; a string is sent as is (to script malformed arguments). */
  arguments: Record<string, unknown> | string;
}

export interface ScriptedError {
  status: number;
  message: string;
  type?: string;
  code?: string | null;
}

export interface ScriptedReply {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  error?: ScriptedError;
  delayMs?: number;
  /** With `stream: true`, the pause between chunks, so a client can watch text come in. */
  chunkDelayMs?: number;
  /** Overrides the computed finish reason, e.g. "length" or "content_filter". */
  finishReason?: string;
}

/** The reply resolved to concrete values: tool call ids assigned and arguments serialized. */
export interface ResolvedReply {
  text: string | undefined;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: string;
}

export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  promptTokens: number;
  /** Prompt tokens served from the prompt cache (OpenAI's rules: `prompt-prefix-cache.ts`). */
  cachedTokens?: number;
}

const SYSTEM_FINGERPRINT = "fp_fake0penai";
const TOOL_ARGUMENT_PIECE_CHARS = 16;

export function estimateTokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}

export function openAIError(error: ScriptedError) {
  const type =
    error.type ??
    (error.status === 429
      ? "requests"
      : error.status >= 500
        ? "server_error"
        : "invalid_request_error");
  const code =
    error.code !== undefined ? error.code : error.status === 429 ? "rate_limit_exceeded" : null;
  return { error: { message: error.message, type, param: null, code } };
}

/**
 * The last text part of the newest user message: the person's words when the client put context
 * parts before them.
 */
export function lastUserWords(messages: unknown): string {
  if (!Array.isArray(messages)) return "";
  const last = [...messages].reverse().find((m) => m?.role === "user");
  const content: unknown = last?.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts = content.filter((part) => part?.type === "text" && typeof part.text === "string");
  return (texts.at(-1)?.text as string | undefined) ?? "";
}

/**
 * Turns a scripted reply into concrete values. A reply with neither text nor tool calls echoes
 * the newest user message's words, so a test without a script still sees its input come back.
 */
export function resolveReply(
  scripted: ScriptedReply,
  messages: unknown,
  nextToolCallId: () => string,
): ResolvedReply {
  const usesScript = scripted.text !== undefined || scripted.toolCalls !== undefined;
  const text = usesScript ? scripted.text : `echo: ${lastUserWords(messages)}`;
  const toolCalls = (scripted.toolCalls ?? []).map((call) => ({
    id: nextToolCallId(),
    name: call.name,
    arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
  }));
  const finishReason = scripted.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
  return { text, toolCalls, finishReason };
}

function usage(meta: CompletionMeta, reply: ResolvedReply) {
  const outputChars =
    (reply.text ?? "").length +
    reply.toolCalls.reduce((sum, call) => sum + call.name.length + call.arguments.length, 0);
  const completionTokens = estimateTokens(outputChars);
  return {
    prompt_tokens: meta.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: meta.promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: meta.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function buildCompletion(meta: CompletionMeta, reply: ResolvedReply) {
  const message: Record<string, unknown> = {
    role: "assistant",
    content: reply.text ?? (reply.toolCalls.length > 0 ? null : ""),
    refusal: null,
    annotations: [],
  };
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: reply.finishReason }],
    usage: usage(meta, reply),
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/**
 * The `chat.completion.chunk` objects of a streamed reply, in order: a role delta, text deltas
 * a word at a time, then each tool call as a header delta (id, name) followed by argument
 * fragments, then the finish reason, then (with include_usage) a usage chunk with no choices.
 */
export function buildChunks(meta: CompletionMeta, reply: ResolvedReply, includeUsage: boolean) {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const deltas: Array<Record<string, unknown>> = [];
  const hasText = reply.text !== undefined && reply.text !== "";
  if (hasText || reply.toolCalls.length === 0) {
    deltas.push({ role: "assistant", content: "", refusal: null });
    for (const piece of reply.text?.match(/\s*\S+|\s+$/g) ?? []) deltas.push({ content: piece });
  }
  reply.toolCalls.forEach((call, index) => {
    const header = {
      tool_calls: [
        { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } },
      ],
    };
    // Without text, OpenAI puts the role on the first tool call delta.
    deltas.push(deltas.length === 0 ? { role: "assistant", content: null, ...header } : header);
    for (let at = 0; at < call.arguments.length; at += TOOL_ARGUMENT_PIECE_CHARS) {
      const piece = call.arguments.slice(at, at + TOOL_ARGUMENT_PIECE_CHARS);
      deltas.push({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  });
  const chunks: unknown[] = deltas.map((delta) => chunk(delta));
  chunks.push(chunk({}, reply.finishReason));
  if (includeUsage) {
    const { choices: _choices, ...rest } = chunk({});
    chunks.push({ ...rest, choices: [], usage: usage(meta, reply) });
  }
  return chunks;
}
