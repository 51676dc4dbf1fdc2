import type { ChatMessage } from "../hooks/use-chat";
import { MarkdownText } from "../markdown/markdown-text";

// Keeps the newest message in view: the callback runs whenever a new last message mounts.
function scrollIntoView(element: HTMLElement | null) {
  element?.scrollIntoView({ block: "nearest" });
}

export function ChatTranscript({
  messages,
  working,
  loading = false,
  draft,
}: {
  messages: ChatMessage[];
  working: boolean;
  /** The conversation so far is still being read. */
  loading?: boolean;
  /** The answer streaming in, shown until the whole reply arrives. */
  draft?: string;
}) {
  return (
    <div className="transcript" data-testid="chat-transcript">
      {messages.length === 0 && !working && (
        <p className="muted">
          {loading ? "Loading the conversation…" : "No messages yet. Say hello, or type help."}
        </p>
      )}
      {messages.map((message, index) => (
        <div
          key={message.id}
          ref={index === messages.length - 1 ? scrollIntoView : undefined}
          className={`message from-${message.from}`}
          data-testid="chat-message"
          data-from={message.from}
        >
          {message.images?.map((src) => (
            <img key={src} className="message-image" src={src} alt="" data-testid="chat-image" />
          ))}
          {message.fileName && !message.images?.length && (
            <p className="muted" data-testid="chat-file">
              📎 {message.fileName}
            </p>
          )}
          {message.from === "agent" ? (
            <MarkdownText text={message.text} />
          ) : (
            message.text && <p className="message-text">{message.text}</p>
          )}
        </div>
      ))}
      {draft && (
        <div
          ref={scrollIntoView}
          className="message from-agent draft"
          data-testid="chat-draft"
          aria-live="polite"
        >
          <MarkdownText text={draft} />
        </div>
      )}
      {working && !draft && (
        <p className="working" data-testid="chat-working">
          working…
        </p>
      )}
    </div>
  );
}
