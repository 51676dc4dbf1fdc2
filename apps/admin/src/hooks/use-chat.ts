import { useCallback, useEffect, useRef, useState } from "react";
import { sendChatMessage } from "../api/admin-api";
import { describeError } from "../api/request-json";
import { latestReplySeq, REPLY_TIMEOUT_MS, waitForReplies } from "../api/wait-for-replies";

export interface ChatMessage {
  id: string;
  /** The user id whose agent this exchange is with; "" for the operator's own agent. */
  target: string;
  from: "you" | "agent";
  text: string;
}

/**
 * The browser chat: sends a message, then follows the agent's replies until it is done.
 * `ownUserId` is the operator's own user when it already exists.
 */
export function useChat(ownUserId: string | undefined) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string>();
  // Per agent, the seq of the last reply already shown: each poll asks only for newer ones.
  const cursors = useRef(new Map<string, number>());
  // The first message creates the operator's user when it did not exist yet.
  const learnedOwnUserId = useRef<string>(undefined);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = useCallback(
    async (text: string, userId: string | undefined): Promise<boolean> => {
      const target = userId ?? "";
      setError(undefined);
      setWorking(true);
      try {
        const agentUserId = userId ?? learnedOwnUserId.current ?? ownUserId;
        // Find where the replies end before sending, so a fast reply is not taken for an old one.
        if (agentUserId && !cursors.current.has(agentUserId)) {
          cursors.current.set(agentUserId, await latestReplySeq(agentUserId));
        }
        const result = await sendChatMessage(userId ? { text, userId } : { text });
        if (!userId) learnedOwnUserId.current = result.userId;
        const afterSeq = cursors.current.get(result.userId) ?? 0;
        setMessages((list) => [...list, { id: result.messageId, target, from: "you", text }]);
        void waitForReplies(result.userId, afterSeq, {
          isCancelled: () => !mounted.current,
          onReplies: (replies) => {
            cursors.current.set(result.userId, replies.at(-1)?.seq ?? afterSeq);
            const shown = replies.map((reply): ChatMessage => {
              const id = `${result.userId}:${reply.seq}`;
              return { id, target, from: "agent", text: reply.text };
            });
            setMessages((list) => [...list, ...shown]);
          },
        })
          .then((outcome) => {
            if (outcome === "timed_out") {
              const minutes = REPLY_TIMEOUT_MS / 60_000;
              setError(
                `No reply within ${minutes} minutes. A late reply shows up after your next message.`,
              );
            }
          })
          .catch((failure) => setError(describeError(failure)))
          .finally(() => setWorking(false));
        return true;
      } catch (failure) {
        setError(describeError(failure));
        setWorking(false);
        return false;
      }
    },
    [ownUserId],
  );

  return { messages, working, error, send };
}
