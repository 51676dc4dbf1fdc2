import type { ConversationHistory } from "@molt/contracts";
import { useEffect, useState } from "react";
import { getChatReplies } from "../api/admin-api";
import { describeError } from "../api/request-json";
import { getConversationHistory } from "../api/user-api";
import type { ChatMessage } from "./use-chat";

const TOOL_MARKER = /^\[tool (call|result): [^\]]*\]$/;
/** How a stored message names a picture the person sent (see received-file.ts in the agent). */
const PHOTO_RECEIVED = /^\[Photo received: (inbox\/[^,\]]+)/gm;

/** The pictures a stored message names, as addresses of the admin API's image route. */
function receivedImages(text: string, userId: string | undefined): string[] {
  if (!userId) return [];
  return [...text.matchAll(PHOTO_RECEIVED)].map(
    (match) =>
      `/api/users/${encodeURIComponent(userId)}/files/image?path=${encodeURIComponent(match[1] ?? "")}`,
  );
}

/** The stored turns of a console conversation as chat messages: words only, tool steps left out. */
export function historyToMessages(
  history: ConversationHistory,
  target: string,
  userId?: string,
): ChatMessage[] {
  return history.sessions.flatMap((session) =>
    session.entries.flatMap((entry, index): ChatMessage[] => {
      if (entry.role !== "user" && entry.role !== "assistant") return [];
      const text = entry.text
        .split("\n")
        .filter((line) => !TOOL_MARKER.test(line.trim()))
        .join("\n")
        .trim();
      if (!text) return [];
      const images = entry.role === "user" ? receivedImages(text, userId) : [];
      return [
        {
          id: `history:${session.sessionId}:${index}`,
          target,
          from: entry.role === "user" ? "you" : "agent",
          text,
          ...(images.length > 0 ? { images } : {}),
        },
      ];
    }),
  );
}

/**
 * What was said before in the operator's console conversation with `userId`'s agent, so the
 * chat opens where it left off. Nothing to load while the agent is not known yet.
 */
export function useChatHistory(
  userId: string | undefined,
  conversationKey: string,
  target: string,
) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setMessages([]);
    setError(undefined);
    if (!userId || !conversationKey) return;
    let current = true;
    setLoading(true);
    // The stored turns, then any approval question still waiting (its turn is not stored yet).
    Promise.all([getConversationHistory(userId, conversationKey), getChatReplies(userId, 0)])
      .then(([history, replies]) => {
        if (!current) return;
        const open = (replies.openQuestions ?? []).map(
          (reply): ChatMessage => ({
            id: `${userId}:${reply.seq}`,
            target,
            from: "agent",
            text: reply.text,
            ...(reply.approval ? { approval: { ...reply.approval, userId, seq: reply.seq } } : {}),
          }),
        );
        setMessages([...historyToMessages(history, target, userId), ...open]);
      })
      .catch((failure: unknown) => {
        if (current) setError(describeError(failure));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [userId, conversationKey, target]);
  return { messages, error, loading };
}
