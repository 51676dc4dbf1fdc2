import { asRecord, optionalNumber, optionalString } from "./control-routes.ts";
import type { ScriptedReply, ScriptedToolCall } from "./openai-wire.ts";

/**
 * Checks a script posted to `/__control/script` (an array, or `{ replies: [...] }`). A typo in a
 * script should fail the control call loudly instead of silently turning into an echo reply.
 */
export function parseScript(body: unknown): ScriptedReply[] {
  const list = Array.isArray(body) ? body : asRecord(body, "script").replies;
  if (!Array.isArray(list)) throw new Error("script must be an array of replies");
  return list.map((item, index) => parseReply(asRecord(item, `reply ${index}`), index));
}

function parseReply(input: Record<string, unknown>, index: number): ScriptedReply {
  const where = `reply ${index}`;
  const known = new Set(["text", "toolCalls", "error", "delayMs", "chunkDelayMs", "finishReason"]);
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${where}: unknown keys ${unknown.join(", ")}`);
  const reply: ScriptedReply = {};
  const text = optionalString(input.text, `${where}.text`);
  if (text !== undefined) reply.text = text;
  const delayMs = optionalNumber(input.delayMs, `${where}.delayMs`);
  if (delayMs !== undefined) reply.delayMs = delayMs;
  const chunkDelayMs = optionalNumber(input.chunkDelayMs, `${where}.chunkDelayMs`);
  if (chunkDelayMs !== undefined) reply.chunkDelayMs = chunkDelayMs;
  const finishReason = optionalString(input.finishReason, `${where}.finishReason`);
  if (finishReason !== undefined) reply.finishReason = finishReason;
  if (input.toolCalls !== undefined) {
    if (!Array.isArray(input.toolCalls)) throw new Error(`${where}.toolCalls must be an array`);
    reply.toolCalls = input.toolCalls.map((call, callIndex) =>
      parseToolCall(
        asRecord(call, `${where}.toolCalls[${callIndex}]`),
        `${where}.toolCalls[${callIndex}]`,
      ),
    );
  }
  if (input.error !== undefined) {
    const error = asRecord(input.error, `${where}.error`);
    const status = optionalNumber(error.status, `${where}.error.status`);
    const message = optionalString(error.message, `${where}.error.message`);
    if (status === undefined || message === undefined) {
      throw new Error(`${where}.error needs status and message`);
    }
    reply.error = { status, message };
    const type = optionalString(error.type, `${where}.error.type`);
    if (type !== undefined) reply.error.type = type;
    const code = optionalString(error.code, `${where}.error.code`);
    if (code !== undefined) reply.error.code = code;
  }
  return reply;
}

function parseToolCall(input: Record<string, unknown>, where: string): ScriptedToolCall {
  const name = optionalString(input.name, `${where}.name`);
  if (name === undefined) throw new Error(`${where}.name is required`);
  const args = input.arguments ?? {};
  if (typeof args === "string") return { name, arguments: args };
  return { name, arguments: asRecord(args, `${where}.arguments`) };
}
