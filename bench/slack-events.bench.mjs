// Slack Events API benchmark: `pnpm bench:slack` (Node 22; it imports the TypeScript fakes).
//
// Starts the fakes and `wrangler dev --local`, posts signed `message.im` events the way Slack
// would, and waits until each one is answered through the fake Slack Web API. It prints the ack
// latency of: url_verification (signature check only), new DM events at a fixed rate (recorded in
// the user's agent before the 200), and Slack's retries of events already recorded (deduped).
// Method, knobs and results: docs/performance.md.

import { setTimeout as sleep } from "node:timers/promises";
import { readSettings, TARGETS } from "./lib/settings.mjs";
import {
  dmEventBody,
  postSlackEvent,
  slackMarker,
  urlVerificationBody,
} from "./lib/slack-events.mjs";
import { startLocalStack, stopLocalStack } from "./lib/start-local-stack.mjs";
import { fmt, summarize } from "./lib/stats.mjs";
import { runPool } from "./lib/telegram-load.mjs";

const REFERENCE_REQUESTS = 500;

async function main() {
  const settings = readSettings();
  const stack = await startLocalStack(settings, { inspector: false });
  const users = settings.slackUserIds;
  let nextEvent = 1;
  const eventId = () => `Ev${String(nextEvent++).padStart(8, "0")}`;

  console.log(`warming up: one DM per user (${users.length})...`);
  const warm = users.map((user, index) => ({ user, marker: slackMarker("w", index, 0) }));
  for (const { user, marker } of warm) {
    await expectOk(
      await postSlackEvent(stack.client, dmEventBody(user, `Warm-up ${marker}`, eventId())),
    );
  }
  await waitForAnswers(
    stack.fakes.slack,
    warm.map((w) => w.marker),
    settings.replyTimeoutMs,
  );

  const verification = [];
  for (let i = 0; i < REFERENCE_REQUESTS; i++) {
    const response = await postSlackEvent(stack.client, urlVerificationBody());
    await expectOk(response);
    verification.push(response.ms);
  }

  // Paced: event i at i / rate seconds; a user's next event waits for its previous ack.
  const events = [];
  for (let round = 0; round < settings.messagesPerUser; round++) {
    users.forEach((user, index) => {
      const marker = slackMarker("p", index, round);
      events.push({ user, marker, body: dmEventBody(user, `Question ${marker}`, eventId()) });
    });
  }
  stack.fakes.slack.reset();
  const started = performance.now();
  const lastOfUser = new Map();
  const acks = await Promise.all(
    events.map((event, index) => {
      const due = started + (index * 1000) / settings.ratePerSecond;
      const previous = lastOfUser.get(event.user);
      const promise = (async () => {
        await previous;
        const wait = due - performance.now();
        if (wait > 0) await sleep(Math.ceil(wait));
        const response = await postSlackEvent(stack.client, event.body);
        await expectOk(response, "accepted");
        return response.ms;
      })();
      lastOfUser.set(event.user, promise);
      return promise;
    }),
  );
  const answered = await waitForAnswers(
    stack.fakes.slack,
    events.map((e) => e.marker),
    settings.replyTimeoutMs,
  );

  // Slack's retries of events already recorded: deduped by event_id, never a second answer.
  const retries = await runPool(
    events.slice(0, REFERENCE_REQUESTS),
    settings.concurrency,
    async (event) => {
      const response = await postSlackEvent(stack.client, event.body, 1);
      await expectOk(response, "duplicate");
      return response.ms;
    },
  );
  await sleep(1000);
  const answersAfterRetries = countAnswers(
    stack.fakes.slack,
    events.map((e) => e.marker),
  );

  print("url_verification (signature only)", verification);
  print(`message.im, paced at ${settings.ratePerSecond}/s`, acks);
  print(`retries (X-Slack-Retry-Num), ${settings.concurrency} in flight`, retries);
  console.log(`answers: ${answered} of ${events.length}; after the retries ${answersAfterRetries}`);
  const p99 = summarize(acks).p99;
  console.log(
    `ack p99 ${fmt(p99)} ms; target under ${TARGETS.ackP99Ms} ms locally, Slack allows 3000 ms`,
  );
  return answersAfterRetries === events.length ? 0 : 1;
}

function print(label, values) {
  const s = summarize(values);
  console.log(
    `${label.padEnd(48)} n=${s.count} p50 ${fmt(s.p50)} ms  p90 ${fmt(s.p90)} ms  p99 ${fmt(s.p99)} ms  max ${fmt(s.max)} ms`,
  );
}

async function expectOk(response, outcome) {
  if (response.status !== 200)
    throw new Error(`webhook answered ${response.status}: ${response.text}`);
  if (outcome && JSON.parse(response.text).outcome !== outcome) {
    throw new Error(`expected outcome ${outcome}, got ${response.text}`);
  }
}

/** Markers answered exactly once; `duplicated` counts markers answered more than once. */
function tallyAnswers(fakeSlack, markers) {
  const counts = new Map(markers.map((marker) => [marker, 0]));
  for (const { text } of fakeSlack.messages()) {
    const marker = /echo: (?:Question|Warm-up) (\S+)/.exec(text)?.[1];
    if (marker !== undefined && counts.has(marker)) counts.set(marker, counts.get(marker) + 1);
  }
  const values = [...counts.values()];
  return {
    once: values.filter((n) => n === 1).length,
    duplicated: values.filter((n) => n > 1).length,
  };
}

function countAnswers(fakeSlack, markers) {
  return tallyAnswers(fakeSlack, markers).once;
}

async function waitForAnswers(fakeSlack, markers, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { once, duplicated } = tallyAnswers(fakeSlack, markers);
    if (once === markers.length) return once;
    if (Date.now() > deadline) {
      const missing = markers.length - once - duplicated;
      throw new Error(`${missing} answers missing, ${duplicated} answered twice`);
    }
    await sleep(200);
  }
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`\nFAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await stopLocalStack();
}
process.exit(exitCode);
