import { useCallback, useEffect, useRef, useState } from "react";
import { sendChatMessage } from "../api/admin-api";
import { describeError } from "../api/request-json";
import { REPLY_TIMEOUT_MS, waitForReplies } from "../api/wait-for-replies";

export interface ChatMessage {
  id: string;
  /** The user id whose agent this exchange is with; "" for the operator's own agent. */
  target: string;
  from: "you" | "agent";
  text: string;
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
        void waitForReplies(result.userId, result.afterSeq, {
          isCancelled: () => !mounted.current,
          onDraft: (text) => setDraft(text ? { target, text } : undefined),
          onReplies: (replies) => {
            const shown = replies.map(
              (reply): ChatMessage => ({
                id: `${result.userId}:${reply.seq}`,
                target,
                from: "agent",
                text: reply.text,
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
        return true;
      } catch (failure) {
        setError(describeError(failure));
        setWorking(false);
        return false;
      }
    },
    [],
  );

  return { messages, working, draft, error, send };
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
