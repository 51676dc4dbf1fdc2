import type { ChatMessage } from "../hooks/use-chat";

// Keeps the newest message in view: the callback runs whenever a new last message mounts.
function scrollIntoView(element: HTMLElement | null) {
  element?.scrollIntoView({ block: "nearest" });
}

export function ChatTranscript({
  messages,
  working,
  draft,
}: {
  messages: ChatMessage[];
  working: boolean;
  /** The answer streaming in, shown until the whole reply arrives. */
  draft?: string;
}) {
  return (
    <div className="transcript" data-testid="chat-transcript">
      {messages.length === 0 && <p className="muted">No messages yet. Say hello.</p>}
      {messages.map((message, index) => (
        <div
          key={message.id}
          ref={index === messages.length - 1 ? scrollIntoView : undefined}
          className={`message from-${message.from}`}
          data-testid="chat-message"
          data-from={message.from}
        >
          {/* Replies are Markdown; shown as written rather than pulling in a renderer. */}
          <pre>{message.text}</pre>
        </div>
      ))}
      {draft && (
        <div
          ref={scrollIntoView}
          className="message from-agent draft"
          data-testid="chat-draft"
          aria-live="polite"
        >
          <pre>{draft}</pre>
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
