import type { ApprovalChoiceName } from "@molt/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import { sendChatMessage } from "../api/admin-api";
import { answerApproval } from "../api/approvals-api";
import { describeError } from "../api/request-json";
import { REPLY_TIMEOUT_MS, waitForReplies } from "../api/wait-for-replies";

export interface ChatMessage {
  id: string;
  /** The user id whose agent this exchange is with; "" for the operator's own agent. */
  target: string;
  from: "you" | "agent";
  text: string;
  /** An approval question: answered with the buttons under it while `status` is pending. */
  approval?: { id: string; userId: string; seq: number; status: string; statusText: string };
  /** Pictures shown with the message: a file just sent, or one kept in the person's inbox/. */
  images?: string[];
  /** The name of a file sent with the message. */
  fileName?: string;
}

/** The browser chat: sends a message, then follows the agent's replies until it is done. */
export function useChat() {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [working, setWorking] = useState(false);
  /** The streamed answer so far, for the target being answered. */
  const [draft, setDraft] = useState<{ target: string; text: string }>();
  const [error, setError] = useState<string>();
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Shows the agent's replies after `afterSeq` as they come, until it has nothing left to do. */
  const follow = useCallback((userId: string, afterSeq: number, target: string) => {
    setWorking(true);
    void waitForReplies(userId, afterSeq, {
      isCancelled: () => !mounted.current,
      onDraft: (text) => setDraft(text ? { target, text } : undefined),
      onReplies: (replies) => {
        const shown = replies.map(
          (reply): ChatMessage => ({
            id: `${userId}:${reply.seq}`,
            target,
            from: "agent",
            text: reply.text,
            ...(reply.approval ? { approval: { ...reply.approval, userId, seq: reply.seq } } : {}),
          }),
        );
        setMessages((list) => [...list, ...shown]);
      },
    })
      .then((outcome) => {
        if (outcome === "timed_out") {
          setError(`No reply within ${REPLY_TIMEOUT_MS / 60_000} minutes.`);
        }
      })
      .catch((failure) => setError(describeError(failure)))
      .finally(() => {
        setDraft(undefined);
        setWorking(false);
      });
  }, []);

  /** Resolves once the message is accepted (true) or refused (false); replies follow later. */
  const send = useCallback(
    async (text: string, userId: string | undefined, file?: File): Promise<boolean> => {
      const target = userId ?? "";
      setError(undefined);
      setWorking(true);
      try {
        const attachment = file ? await toUpload(file) : undefined;
        const result = await sendChatMessage({
          text,
          ...(userId ? { userId } : {}),
          ...(attachment ? { attachment } : {}),
        });
        const sent: ChatMessage = {
          id: result.messageId,
          target,
          from: "you",
          text,
          ...(file ? { fileName: file.name } : {}),
          // A data: address, which the admin CSP allows for pictures (blob: it does not).
          ...(attachment?.mimeType.startsWith("image/")
            ? { images: [`data:${attachment.mimeType};base64,${attachment.dataBase64}`] }
            : {}),
        };
        setMessages((list) => [...list, sent]);
        // The server says where this message's replies start, so earlier ones are never shown again.
        follow(result.userId, result.afterSeq, target);
        return true;
      } catch (failure) {
        setError(describeError(failure));
        setWorking(false);
        return false;
      }
    },
    [follow],
  );

  /** Answers given here, by question id: they show on the question wherever it is listed. */
  const [decisions, setDecisions] = useState<Record<string, { status: string; text: string }>>({});

  /** The operator's answer to an approval question; the resumed turn's replies follow. */
  const answer = useCallback(
    async (message: ChatMessage, choice: ApprovalChoiceName) => {
      const approval = message.approval;
      if (!approval) return;
      setError(undefined);
      try {
        const result = await answerApproval(approval.userId, approval.id, choice);
        const status = result.status ?? approval.status;
        setDecisions((known) => ({ ...known, [approval.id]: { status, text: result.message } }));
        if (result.outcome === "decided") follow(approval.userId, approval.seq, message.target);
      } catch (failure) {
        setError(describeError(failure));
      }
    },
    [follow],
  );

  /** The messages with the answers given here applied to their questions. */
  const withDecisions = useCallback(
    (list: ChatMessage[]): ChatMessage[] =>
      list.map((item) => {
        const decided = item.approval && decisions[item.approval.id];
        return decided && item.approval
          ? {
              ...item,
              approval: { ...item.approval, status: decided.status, statusText: decided.text },
            }
          : item;
      }),
    [decisions],
  );

  return { messages, working, draft, error, send, answer, withDecisions };
}

/** A file as the API takes it: base64 in the JSON body. */
async function toUpload(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk) {
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  }
  return {
    fileName: file.name,
    mimeType: file.type || "application/octet-stream",
    dataBase64: btoa(binary),
  };
}
