import type { ConversationHistory } from "@molt/contracts";
import { useCallback, useState } from "react";
import { describeError } from "../api/request-json";
import { getConversationHistory, listConversations } from "../api/user-api";
import { plural } from "../format/plural";
import { sessionLabel, timeAgo } from "../format/readable-time";
import { useAsyncData } from "../hooks/use-async-data";
import { MarkdownText } from "../markdown/markdown-text";
import { ErrorMessage } from "./error-message";

/** Each chat the agent has with this user, and its stored history, read only. */
export function ConversationsSection({ userId }: { userId: string }) {
  const load = useCallback(() => listConversations(userId), [userId]);
  const conversations = useAsyncData(load);
  const [history, setHistory] = useState<ConversationHistory>();
  const [error, setError] = useState<string>();

  const show = async (key: string) => {
    setError(undefined);
    try {
      setHistory(await getConversationHistory(userId, key));
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <section data-testid="conversations-section">
      <h2>Conversations</h2>
      <ErrorMessage message={conversations.error} />
      {conversations.loading && !conversations.data && <p className="muted">Loading…</p>}
      {conversations.data?.length === 0 && <p className="muted">No conversations yet.</p>}
      <ul className="rows">
        {conversations.data?.map((conversation) => (
          <li key={conversation.conversationKey} className="row">
            <div className="row-head">
              <span className="badge">{conversation.channel}</span>
              <code className="conversation-key">{conversation.conversationKey}</code>
              <span className="muted">
                {plural(conversation.messages, "message")}
                {conversation.lastMessageAt ? `, last ${timeAgo(conversation.lastMessageAt)}` : ""}
              </span>
              <button
                type="button"
                className="secondary"
                onClick={() => show(conversation.conversationKey)}
                data-testid="conversation-open"
              >
                Read
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ErrorMessage message={error} />
      {history && (
        <div className="history" data-testid="conversation-history">
          <h3>
            <code>{history.conversationKey}</code>
          </h3>
          {history.sessions.length === 0 && <p className="muted">No stored history.</p>}
          {history.sessions.map((session) => (
            <div key={session.sessionId} className="session">
              <p className="muted small session-label" title={session.sessionId}>
                {sessionLabel(session.sessionId)}
              </p>
              {session.entries.map((entry, index) => (
                <div
                  // Entries have no id of their own; their order within a session is stable.
                  // biome-ignore lint/suspicious/noArrayIndexKey: history entries are append-only
                  key={index}
                  className={`message from-${entry.role === "user" ? "you" : "agent"}`}
                >
                  {entry.role === "user" ? (
                    <p className="message-text">{entry.text}</p>
                  ) : (
                    <MarkdownText text={entry.text} />
                  )}
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
