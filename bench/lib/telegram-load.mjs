// The two ways of posting the updates. Both keep Telegram's one rule: a chat's next update is
// only sent once its previous one was acknowledged; chats run in parallel.
//
// paced (open loop): update i is due at i / rate seconds, whether or not earlier acks are back,
//   so the latencies are what one webhook costs at that arrival rate.
// saturated (closed loop): a fixed number in flight, so the Worker is never idle and the run
//   measures its throughput; the latencies then are mostly queueing (Little's law).

import { setTimeout as sleep } from "node:timers/promises";
import { WEBHOOK_SECRET } from "./settings.mjs";

export function postUpdate(client, update) {
  return client.request("POST", "/webhooks/telegram", JSON.stringify(update), {
    "x-telegram-bot-api-secret-token": WEBHOOK_SECRET,
  });
}

/** An ack: the response, its `outcome`, and the message it answers; `error` if the POST failed. */
async function sendMessage(client, message) {
  try {
    const response = await postUpdate(client, message.update);
    let outcome;
    try {
      outcome = JSON.parse(response.text).outcome;
    } catch {
      outcome = undefined;
    }
    return { item: message, ...response, outcome };
  } catch (error) {
    return { item: message, error };
  }
}

export async function pacedLoad(client, messages, ratePerSecond) {
  const startedAt = Date.now();
  const startedPerf = performance.now();
  const lastOfUser = new Map();
  const sends = messages.map((message, index) => {
    const dueAt = startedPerf + (index * 1000) / ratePerSecond;
    const previous = lastOfUser.get(message.userId);
    const own = { settled: false };
    own.promise = (async () => {
      await sleepUntil(dueAt);
      const heldBack = previous !== undefined && !previous.settled;
      await previous?.promise;
      // How late the send is against its schedule: timer slack, or the user's previous ack.
      const lagMs = performance.now() - dueAt;
      const ack = await sendMessage(client, message);
      own.settled = true;
      return { ...ack, lagMs, heldBack };
    })();
    lastOfUser.set(message.userId, own);
    return own.promise;
  });
  const acks = await Promise.all(sends);
  return { acks, startedAt, ackPhaseMs: performance.now() - startedPerf };
}

// setTimeout counts whole milliseconds and may fire a fraction early; no send may be early.
async function sleepUntil(perfTime) {
  for (let left = perfTime - performance.now(); left > 0; left = perfTime - performance.now()) {
    await sleep(Math.ceil(left));
  }
}

export async function saturatedLoad(client, messages, concurrency) {
  const inFlightUsers = new Set();
  const startedAt = Date.now();
  const startedPerf = performance.now();
  const acks = await runPool(
    messages,
    concurrency,
    async (message) => {
      inFlightUsers.add(message.userId);
      try {
        return await sendMessage(client, message);
      } finally {
        inFlightUsers.delete(message.userId);
      }
    },
    (message) => inFlightUsers.has(message.userId),
  );
  return { acks, startedAt, ackPhaseMs: performance.now() - startedPerf };
}

/** Runs `items` through `run` with at most `limit` in flight; `blocked` defers an item for now. */
export async function runPool(items, limit, run, blocked = () => false) {
  const pending = [...items];
  const active = new Set();
  let wake;
  const results = [];
  const startNext = () => {
    while (active.size < limit && pending.length > 0) {
      const index = pending.findIndex((item) => !blocked(item));
      if (index === -1) return;
      const [item] = pending.splice(index, 1);
      const task = run(item).then(
        (result) => results.push(result),
        (error) => results.push({ item, error }),
      );
      active.add(task);
      task.finally(() => {
        active.delete(task);
        wake?.();
      });
    }
  };
  while (pending.length > 0 || active.size > 0) {
    startNext();
    if (active.size === 0 && pending.length > 0) throw new Error("pool stalled");
    await new Promise((resolve) => {
      wake = resolve;
    });
  }
  return results;
}
