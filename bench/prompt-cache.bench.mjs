// Prompt-cache benchmark: `pnpm bench:cache` (Node 22; it imports the TypeScript fakes).
//
// Starts the fakes and `wrangler dev --local`, holds one 10-turn Telegram conversation with the
// agent, and reports for each turn how much of the prompt the fake model had already seen at the
// start of an earlier request (the tools, then the messages, serialized as sent): the share that a
// provider's prefix cache can serve. Goal: at least 80% from the second turn on. It also prints
// what the fake reports as cached tokens by OpenAI's rules. Method: docs/performance.md.

import { cachedTokensFor } from "../tests/fakes/prompt-prefix-cache.ts";
import { waitForReplies } from "./lib/measure-replies.mjs";
import { readSettings } from "./lib/settings.mjs";
import { startLocalStack, stopLocalStack } from "./lib/start-local-stack.mjs";
import { fmt } from "./lib/stats.mjs";
import { postUpdate } from "./lib/telegram-load.mjs";
import { markerFor, markerIn, privateTextUpdate } from "./lib/telegram-updates.mjs";
import { turnR2Operations } from "./lib/turn-r2-operations.mjs";

const TURNS = Number(process.env.BENCH_CACHE_TURNS || 10);
const GOAL_SHARE = 0.8;
const REPLY_TIMEOUT_MS = 60_000;

function lastUserMarker(body) {
  const last = (body.messages ?? []).findLast((message) => message?.role === "user");
  return markerIn(JSON.stringify(last?.content ?? ""));
}

async function main() {
  const settings = readSettings();
  const stack = await startLocalStack(settings);
  const userId = settings.userIds[0];
  const mark = stack.output.mark();
  const turns = [];
  for (let index = 0; index < TURNS; index++) {
    const marker = markerFor("c", 0, index);
    const text = `Turn ${index + 1} of ${TURNS}: tell me something about ${marker}`;
    const response = await postUpdate(stack.client, privateTextUpdate(userId, text));
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    const { missing } = await waitForReplies(stack.fakes, [marker], REPLY_TIMEOUT_MS);
    if (missing.length > 0) throw new Error(`no reply to turn ${index + 1}`);
    turns.push(marker);
  }
  const requests = stack.fakes.openai.requests();
  const rows = turns.map((marker, index) => {
    // A plain turn is one model request; the first of the turn is the one a cache can serve.
    const request = requests.find((entry) => lastUserMarker(entry.body) === marker);
    const prompt = request?.promptTokens ?? 0;
    const shared = request?.sharedPrefixTokens ?? 0;
    const messages = request?.messagesTokens ?? 0;
    const sharedMessages = request?.sharedMessagesPrefixTokens ?? 0;
    return {
      turn: index + 1,
      prompt,
      shared,
      share: prompt > 0 ? shared / prompt : 0,
      messagesShare: messages > 0 ? sharedMessages / messages : 0,
    };
  });
  const r2 = turnR2Operations(stack.output.since(mark));

  console.log("");
  console.log("Prompt-cache benchmark (method: docs/performance.md)");
  console.log(`date:  ${new Date().toISOString()}`);
  console.log(
    `stack: wrangler dev --local, fake OpenAI-compatible model; one person, ${TURNS} turns`,
  );
  console.log("");
  console.log(
    "turn  prompt tokens  unchanged prefix  share   cached (OpenAI rules)  messages alone: share",
  );
  for (const row of rows) {
    const cached = cachedTokensFor(row.shared, row.prompt);
    console.log(
      `${String(row.turn).padStart(4)}  ${String(row.prompt).padStart(13)}  ${String(row.shared).padStart(16)}  ${`${fmt(100 * row.share, 1)}%`.padStart(6)}  ${String(cached).padStart(21)}  ${`${fmt(100 * row.messagesShare, 1)}%`.padStart(21)}`,
    );
  }
  const later = rows.slice(1);
  const worst = Math.min(...later.map((row) => row.share));
  console.log("");
  console.log(
    `R2 operations per turn: ${r2.turns > 0 ? fmt(r2.total / r2.turns, 2) : "?"} on average over ${r2.turns} turns (the first included), max ${r2.max}`,
  );
  console.log(
    `Goal: unchanged prefix >= ${100 * GOAL_SHARE}% of the input from turn 2 on: ${worst >= GOAL_SHARE ? "met" : "MISSED"} (lowest ${fmt(100 * worst, 1)}%)`,
  );
  return worst >= GOAL_SHARE ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`\nFAILED: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await stopLocalStack();
}
process.exit(exitCode);
