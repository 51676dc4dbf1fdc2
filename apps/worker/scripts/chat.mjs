// A terminal chat with your own agent through the local API: the same inbox, history and agent
// as Telegram, with no public URL needed. Usage: pnpm chat [--url http://localhost:8787] [--user <userId>]
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { url: { type: "string", default: "http://localhost:8787" }, user: { type: "string" } },
});
const baseUrl = values.url.replace(/\/+$/, "");
const POLL_INTERVAL_MS = 400;
const REPLY_TIMEOUT_MS = 180_000;

async function api(path, init) {
  let response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { "content-type": "application/json" },
    });
  } catch {
    throw new Error(`cannot reach ${baseUrl}: is the local stack running (pnpm dev)?`);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

async function waitForReplies(userId, afterSeq) {
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  let seq = afterSeq;
  let printed = false;
  while (Date.now() < deadline) {
    const { replies, waiting } = await api(`/api/chat/${userId}/replies?after=${seq}`);
    for (const reply of replies) {
      console.log(`\nagent> ${reply.text.replace(/\n/g, "\n       ")}\n`);
      seq = reply.seq;
      printed = true;
    }
    if (printed && waiting === 0) return seq;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  console.log("(no answer yet: it will show up after your next message)");
  return seq;
}

const health = await api("/health").catch((error) => {
  console.error(error.message);
  process.exit(1);
});
console.log(
  `Connected to ${baseUrl} (version ${health.version}). Type a message, /help, or Ctrl-D to quit.`,
);

const input = createInterface({ input: process.stdin, output: process.stdout, prompt: "you> " });
let userId = values.user;
input.prompt();
// Iterating (rather than question()) keeps lines typed or piped while an answer is pending.
for await (const line of input) {
  const text = line.trim();
  if (text) {
    try {
      const sent = await api("/api/chat", {
        method: "POST",
        body: JSON.stringify(userId ? { text, userId } : { text }),
      });
      userId = sent.userId;
      await waitForReplies(userId, sent.afterSeq);
    } catch (error) {
      console.error(`error: ${error.message}`);
    }
  }
  input.prompt();
}
