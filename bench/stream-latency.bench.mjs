// Streaming benchmark: `pnpm bench:stream` (Node 22; it imports the TypeScript fakes).
//
// Starts the fakes and `wrangler dev --local`, and has the fake model stream every answer at a
// fixed rate after a fixed time to first token. For each answer it measures, from the moment
// the model wrote its first piece of text, how long until text first shows at the fake Telegram
// (a `sendMessageDraft` in a private chat) and the fake Slack (a `chat.update` of the "Working
// on it…" placeholder), and counts the API calls each answer cost. Answers run one at a time,
// so every number belongs to one answer. Method, knobs and results: docs/performance.md.

import { RUN_ID, readSettings } from "./lib/settings.mjs";
import { dmChannel, dmEventBody, postSlackEvent } from "./lib/slack-events.mjs";
import { startLocalStack, stopLocalStack } from "./lib/start-local-stack.mjs";
import { fmt, summarize } from "./lib/stats.mjs";
import { postUpdate } from "./lib/telegram-load.mjs";
import { privateTextUpdate } from "./lib/telegram-updates.mjs";

const ANSWERS = positiveInt("BENCH_STREAM_ANSWERS", 20);
const FIRST_TOKEN_MS = positiveInt("BENCH_STREAM_FIRST_TOKEN_MS", 800);
const WORD_INTERVAL_MS = positiveInt("BENCH_STREAM_WORD_MS", 50);
const WORDS = positiveInt("BENCH_STREAM_WORDS", 80);
const TIMEOUT_MS = 60_000;
const GOAL_P50_MS = 300;

function positiveInt(name, fallback) {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer >= 1`);
  return value;
}

function answerText(marker) {
  const words = Array.from({ length: WORDS }, (_, i) => `w${i}`).join(" ");
  return `${marker} ${words} end-${marker}`;
}

async function until(read, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function modelRequestFor(stack, marker) {
  return stack.fakes.openai
    .requests()
    .find((request) => JSON.stringify(request.body.messages).includes(marker));
}

async function oneTelegramAnswer(stack, userId, index) {
  const marker = `st${RUN_ID}t${index}`;
  const { telegram, openai } = stack.fakes;
  openai.setScript([
    { text: answerText(marker), delayMs: FIRST_TOKEN_MS, chunkDelayMs: WORD_INTERVAL_MS },
  ]);
  const ask = `stream ${marker}`;
  const response = await postUpdate(stack.client, privateTextUpdate(userId, ask));
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  const toChat = (call) => String(call.params.chat_id) === String(userId);
  const final = await until(
    () =>
      telegram
        .calls("sendMessage")
        .find((call) => toChat(call) && String(call.params.text).includes(`end-${marker}`)),
    `the final answer ${marker}`,
  );
  const request = modelRequestFor(stack, ask);
  const drafts = telegram
    .calls("sendMessageDraft")
    .filter((call) => toChat(call) && call.at >= (request?.at ?? 0) && call.at <= final.at);
  const firstShown = drafts.find(
    (call) => call.status === 200 && String(call.params.text).includes(marker),
  );
  const messages = telegram
    .calls("sendMessage")
    .filter((call) => toChat(call) && call.at >= (request?.at ?? 0) && call.at <= final.at);
  const typing = telegram
    .calls("sendChatAction")
    .filter((call) => toChat(call) && call.at >= (request?.at ?? 0) && call.at <= final.at);
  return {
    firstTextMs: firstShown && request?.firstTextAt ? firstShown.at - request.firstTextAt : NaN,
    calls: drafts.length + messages.length,
    typing: typing.length,
    rateLimited: drafts.filter((call) => call.status === 429).length,
  };
}

async function oneSlackAnswer(stack, slackUserId, index) {
  const marker = `ss${RUN_ID}s${index}`;
  const { slack, openai } = stack.fakes;
  const channel = dmChannel(slackUserId);
  openai.setScript([
    { text: answerText(marker), delayMs: FIRST_TOKEN_MS, chunkDelayMs: WORD_INTERVAL_MS },
  ]);
  const ask = `stream ${marker}`;
  const started = Date.now();
  const response = await postSlackEvent(
    stack.client,
    dmEventBody(slackUserId, ask, `Ev${RUN_ID}${index}x${Date.now()}`),
  );
  if (response.status !== 200) throw new Error(`Slack events answered ${response.status}`);
  const isOurs = (call) => call.params.channel === channel && call.at >= started;
  const final = await until(
    () =>
      slack
        .calls("chat.update")
        .find(
          (call) =>
            isOurs(call) &&
            call.status === 200 &&
            String(call.params.text).includes(`end-${marker}`) &&
            !String(call.params.text).endsWith("▍"),
        ),
    `the final Slack answer ${marker}`,
  );
  const request = modelRequestFor(stack, ask);
  const updates = slack.calls("chat.update").filter((call) => isOurs(call) && call.at <= final.at);
  const posts = slack
    .calls("chat.postMessage")
    .filter((call) => isOurs(call) && call.at <= final.at);
  const firstShown = updates.find(
    (call) => call.status === 200 && String(call.params.text).includes(marker),
  );
  return {
    firstTextMs: firstShown && request?.firstTextAt ? firstShown.at - request.firstTextAt : NaN,
    calls: updates.length + posts.length,
    typing: 0,
    rateLimited: updates.filter((call) => call.status === 429).length,
  };
}

function report(name, results) {
  const latency = summarize(results.map((r) => r.firstTextMs).filter(Number.isFinite));
  const calls = summarize(results.map((r) => r.calls));
  const limited = results.reduce((sum, r) => sum + r.rateLimited, 0);
  const typing = summarize(results.map((r) => r.typing));
  const missing = results.filter((r) => !Number.isFinite(r.firstTextMs)).length;
  console.log(
    `${name.padEnd(9)} first text after the model's first token: p50 ${fmt(latency.p50, 0)} ms, p90 ${fmt(latency.p90, 0)} ms, max ${fmt(latency.max, 0)} ms (${latency.count} answers${missing ? `, ${missing} without a preview` : ""})`,
  );
  console.log(
    `${"".padEnd(9)} API calls per answer (previews + final${name === "Slack" ? ", placeholder" : ""}): p50 ${fmt(calls.p50, 0)}, max ${fmt(calls.max, 0)}${name === "Telegram" ? `; plus "typing…" p50 ${fmt(typing.p50, 0)}` : ""}; 429s: ${limited}`,
  );
  return latency.p50 <= GOAL_P50_MS && missing === 0;
}

async function main() {
  const settings = readSettings({ ...process.env, BENCH_USERS: "2" });
  const stack = await startLocalStack(settings);
  // One warm-up answer per channel: the agents and the isolate exist before anything counts.
  await oneTelegramAnswer(stack, settings.userIds[0], -1);
  await oneSlackAnswer(stack, settings.slackUserIds[0], -1);
  const telegram = [];
  const slack = [];
  for (let index = 0; index < ANSWERS; index++) {
    telegram.push(await oneTelegramAnswer(stack, settings.userIds[1], index));
    slack.push(await oneSlackAnswer(stack, settings.slackUserIds[1], index));
  }
  const seconds = ((WORDS * WORD_INTERVAL_MS) / 1000).toFixed(1);
  console.log(
    `\nStreaming: ${ANSWERS} answers per channel, model first token after ${FIRST_TOKEN_MS} ms, then ${WORDS + 2} words ${WORD_INTERVAL_MS} ms apart (~${seconds} s of streaming)`,
  );
  const telegramOk = report("Telegram", telegram);
  const slackOk = report("Slack", slack);
  console.log(
    `\nGoal: p50 <= ${GOAL_P50_MS} ms beyond the model's first token: ${telegramOk && slackOk ? "met" : "NOT met"}`,
  );
  return 0;
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
