// From the fakes' records to per-message numbers: which sendMessage answered which update, how
// much time the Worker added to it beyond the model's own time, and where that time went.

import { setTimeout as sleep } from "node:timers/promises";
import { summarize } from "./stats.mjs";
import { markerIn } from "./telegram-updates.mjs";

/** marker -> the successful sendMessage that carries it (the first one, if several). */
export function repliesByMarker(fakes) {
  const replies = new Map();
  for (const call of fakes.telegram.calls("sendMessage")) {
    if (call.status !== 200) continue;
    const marker = markerIn(call.params.text);
    if (marker && !replies.has(marker)) replies.set(marker, call);
  }
  return replies;
}

export async function waitForReplies(fakes, markers, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const replies = repliesByMarker(fakes);
    const missing = markers.filter((marker) => !replies.has(marker));
    if (missing.length === 0 || Date.now() >= deadline) return { replies, missing };
    await sleep(50);
  }
}

/**
 * Per message: turn start = max(ack received, previous reply of the same user received), reply
 * overhead = (reply received by fake Telegram - turn start) - time the fake model spent on it.
 */
export function analyzeReplies(run, fakes, modelLatencyMs) {
  const { byMarker: modelByMarker, unfinished } = modelTimeByMarker(fakes, modelLatencyMs);
  const typingByChat = callTimesByChat(fakes, "sendChatAction");
  const overhead = [];
  const modelMs = [];
  const phases = { queue: [], prepare: [], model: [], deliver: [] };
  for (const [userId, items] of answeredByUser(run)) {
    // Turns run one at a time per user, so replies arrive in the order the turns ran.
    items.sort((a, b) => a.reply.at - b.reply.at);
    let previousReplyAt = -Infinity;
    const typing = typingByChat.get(String(userId)) ?? [];
    for (const { message, reply, ack } of items) {
      const turnStart = Math.max(ack.endedAt, previousReplyAt);
      const model = modelByMarker.get(message.marker);
      const spent = model?.ms ?? 0;
      overhead.push(reply.at - turnStart - spent);
      modelMs.push(spent);
      // The turn sends "typing" just before it calls the model: a marker of when it began.
      const typingAt = typing.find((at) => at >= previousReplyAt && at <= reply.at);
      if (model && typingAt !== undefined && model.calls === 1) {
        phases.queue.push(typingAt - turnStart);
        phases.prepare.push(model.firstAt - typingAt);
        phases.model.push(spent);
        phases.deliver.push(reply.at - model.lastEnd);
      }
      previousReplyAt = reply.at;
    }
  }
  return {
    ack: summarize(run.acks.filter((ack) => !ack.error).map((ack) => ack.ms)),
    overhead: summarize(overhead),
    model: summarize(modelMs),
    phases: Object.fromEntries(
      Object.entries(phases).map(([name, values]) => [name, summarize(values)]),
    ),
    unfinishedModelCalls: unfinished,
  };
}

/** userId -> the messages that were both acked and answered, with their ack and reply. */
function answeredByUser(run) {
  const ackByMarker = new Map(
    run.acks.filter((ack) => !ack.error).map((ack) => [ack.item.marker, ack]),
  );
  const perUser = new Map();
  for (const message of run.messages) {
    const reply = run.replies.get(message.marker);
    const ack = ackByMarker.get(message.marker);
    if (!reply || !ack) continue;
    perUser.set(message.userId, [...(perUser.get(message.userId) ?? []), { message, reply, ack }]);
  }
  return perUser;
}

/** marker -> the model requests whose last user message carries it, and the time they took. */
function modelTimeByMarker(fakes, modelLatencyMs) {
  const byMarker = new Map();
  let unfinished = 0;
  for (const request of fakes.openai.requests()) {
    const marker = markerIn(lastUserText(request.body));
    if (!marker) continue;
    if (request.finishedAt === undefined) unfinished += 1;
    const entry = byMarker.get(marker) ?? { ms: 0, calls: 0, firstAt: Infinity, lastEnd: 0 };
    // The fake sleeps the injected latency before it reads the body (and sets `at`).
    entry.ms += (request.finishedAt ?? request.at) - request.at + modelLatencyMs;
    entry.calls += 1;
    entry.firstAt = Math.min(entry.firstAt, request.at - modelLatencyMs);
    entry.lastEnd = Math.max(entry.lastEnd, request.finishedAt ?? request.at);
    byMarker.set(marker, entry);
  }
  return { byMarker, unfinished };
}

function callTimesByChat(fakes, method) {
  const byChat = new Map();
  for (const call of fakes.telegram.calls(method)) {
    const chat = String(call.params.chat_id);
    byChat.set(chat, [...(byChat.get(chat) ?? []), call.at]);
  }
  return byChat;
}

function lastUserText(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const last = messages.findLast((message) => message?.role === "user");
  if (!last) return undefined;
  if (typeof last.content === "string") return last.content;
  if (Array.isArray(last.content))
    return last.content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("");
  return undefined;
}
