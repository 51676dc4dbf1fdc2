// A terminal chat with your own agent through the local API: the same inbox, history and agent
// as Telegram, with no public URL needed. Usage: pnpm chat [--url http://localhost:8787] [--user <userId>]
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import {
  type ApprovalChoiceName,
  approvalDecisionResultSchema,
  consoleApprovalSchema,
} from "@molt/contracts/approvals-api";
import { z } from "zod";

const errorAnswerSchema = z.object({ error: z.object({ message: z.string() }) });
const healthSchema = z.object({ version: z.string() });
const sentSchema = z.object({ userId: z.string(), afterSeq: z.number() });
const repliesSchema = z.object({
  replies: z.array(
    z.object({ seq: z.number(), text: z.string(), approval: consoleApprovalSchema.optional() }),
  ),
  waiting: z.number(),
});

const USAGE = `Usage: npx -y pnpm@10.34.8 chat [--url http://localhost:8787] [--user <userId>]

Talks to your agent through the local stack's web chat (start it first with
npx -y pnpm@10.34.8 dev). Without --user you talk to your own agent.
In the chat, /file <path> [words] sends a local file (a picture, a recording, a document)
with optional words, as a photo or a voice note would arrive from Telegram. When the agent asks
before running something, answer with /allow (once), /allow chat (for this conversation) or
/deny, as the buttons do on Telegram.`;

/** The chat's answers to an approval question, as the buttons on the other channels. */
const APPROVAL_ANSWERS: Record<string, ApprovalChoiceName> = {
  "/allow": "allow_once",
  "/allow once": "allow_once",
  "/allow chat": "allow_conversation",
  "/deny": "deny",
};

function readArgs() {
  try {
    return parseArgs({
      options: {
        url: { type: "string", default: "http://localhost:8787" },
        user: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    process.exit(2);
  }
}

const values = readArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const baseUrl = (values.url ?? "http://localhost:8787").replace(/\/+$/, "");
const POLL_INTERVAL_MS = 400;
const REPLY_TIMEOUT_MS = 180_000;

async function api<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  init?: RequestInit,
): Promise<z.infer<Schema>> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { "content-type": "application/json" },
    });
  } catch {
    throw new Error(`cannot reach ${baseUrl}: is the local stack running (pnpm dev)?`);
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = errorAnswerSchema.safeParse(body);
    throw new Error(error.success ? error.data.error.message : `HTTP ${response.status}`);
  }
  return schema.parse(body);
}

/** The approval question still waiting for an answer here, with where its replies start. */
let openQuestion: { id: string; seq: number } | undefined;

async function waitForReplies(userId: string, afterSeq: number): Promise<number> {
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  let seq = afterSeq;
  let printed = false;
  while (Date.now() < deadline) {
    const { replies, waiting } = await api(
      `/api/chat/${userId}/replies?after=${seq}`,
      repliesSchema,
    );
    for (const reply of replies) {
      console.log(`\nagent> ${reply.text.replace(/\n/g, "\n       ")}\n`);
      seq = reply.seq;
      printed = true;
      if (reply.approval?.status === "pending") {
        openQuestion = { id: reply.approval.id, seq: reply.seq };
        console.log("       Answer: /allow (once), /allow chat (this conversation) or /deny\n");
      }
    }
    if (printed && waiting === 0) return seq;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  console.log("(no answer yet: it will show up after your next message)");
  return seq;
}

// Above the chat loop: top-level code after it runs only once the chat ends.
/** Types the web chat knows by extension; anything else goes as a plain file. */
const MIME_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".mp3": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".wav": "audio/wav",
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const health = await api("/health", healthSchema).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
console.log(
  `Connected to ${baseUrl} (version ${health.version}). Type a message, /help, or Ctrl-D to quit.`,
);

const input = createInterface({ input: process.stdin, output: process.stdout, prompt: "you> " });
let userId = values.user;
// Ctrl-C ends the chat like Ctrl-D: a normal exit, not a failed command.
input.on("SIGINT", () => input.close());
input.prompt();
// Iterating (rather than question()) keeps lines typed or piped while an answer is pending.
for await (const line of input) {
  const text = line.trim();
  const choice = APPROVAL_ANSWERS[text.toLowerCase()];
  if (choice && userId && openQuestion) {
    try {
      await answerQuestion(userId, openQuestion, choice);
    } catch (error) {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (text) {
    try {
      const message = text.startsWith("/file ") ? await fileMessage(text.slice(6)) : { text };
      const sent = await api("/api/chat", sentSchema, {
        method: "POST",
        body: JSON.stringify(userId ? { ...message, userId } : message),
      });
      userId = sent.userId;
      await waitForReplies(userId, sent.afterSeq);
    } catch (error) {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  input.prompt();
}

/** Answers the open question; the resumed turn's replies follow it, as on the other channels. */
async function answerQuestion(
  user: string,
  question: { id: string; seq: number },
  choice: ApprovalChoiceName,
): Promise<void> {
  const result = await api(
    `/api/chat/${user}/approvals/${question.id}`,
    approvalDecisionResultSchema,
    { method: "POST", body: JSON.stringify({ choice }) },
  );
  openQuestion = undefined;
  console.log(`(${result.message})`);
  if (result.outcome === "decided") await waitForReplies(user, question.seq);
}

/** `/file <path> [words]`: the file as the message's attachment, the words as its text. */
async function fileMessage(rest: string) {
  const match = /^("([^"]+)"|(\S+))\s*(.*)$/s.exec(rest.trim());
  const path = match?.[2] ?? match?.[3];
  if (!path) throw new Error("usage: /file <path> [words]");
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new Error(`no file at ${path}`);
  if (info.size > UPLOAD_MAX_BYTES) {
    throw new Error(
      `${path} is ${(info.size / 1024 / 1024).toFixed(1)} MB; the chat takes up to 10 MB`,
    );
  }
  const bytes = await readFile(path);
  return {
    text: match?.[4] ?? "",
    attachment: {
      fileName: basename(path),
      mimeType: MIME_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
      dataBase64: bytes.toString("base64"),
    },
  };
}
