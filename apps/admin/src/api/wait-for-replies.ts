import type { ConsoleReplies } from "@molt/contracts";
import { getChatReplies } from "./admin-api";

// Short enough that a streamed draft reads as text coming in.
const POLL_INTERVAL_MS = 250;
export const REPLY_TIMEOUT_MS = 120_000;

type ChatReply = ConsoleReplies["replies"][number];

interface WaitOptions {
  onReplies: (replies: ChatReply[]) => void;
  /** The answer as written so far, while the model is still streaming it; undefined after. */
  onDraft: (draft: string | undefined) => void;
  isCancelled: () => boolean;
}

/**
 * Polls for replies after `afterSeq` (and the draft of the answer being streamed) until at least one arrived and the agent has no message
 * left queued or running, so a turn that answers in several parts is shown whole.
 */
export async function waitForReplies(
  userId: string,
  afterSeq: number,
  { onReplies, onDraft, isCancelled }: WaitOptions,
): Promise<"replied" | "timed_out" | "cancelled"> {
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  let cursor = afterSeq;
  let replied = false;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    if (isCancelled()) return "cancelled";
    const { replies, waiting, draft } = await getChatReplies(userId, cursor);
    onDraft(draft || undefined);
    const last = replies.at(-1);
    if (last) {
      cursor = last.seq;
      replied = true;
      onReplies(replies);
    }
    if (replied && waiting === 0) return "replied";
  }
  return "timed_out";
}
