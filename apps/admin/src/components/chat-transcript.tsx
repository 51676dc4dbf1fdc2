import type { ApprovalChoiceName } from "@molt/contracts";
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
  onAnswer,
}: {
  messages: ChatMessage[];
  /** Answers an approval question (its three buttons are shown while it waits). */
  onAnswer?: (message: ChatMessage, choice: ApprovalChoiceName) => void;
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
          {message.approval && <ApprovalButtons message={message} onAnswer={onAnswer} />}
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

const APPROVAL_BUTTONS: Array<[ApprovalChoiceName, string]> = [
  ["allow_once", "Allow once"],
  ["allow_conversation", "Allow in this conversation"],
  ["deny", "Deny"],
];

function ApprovalButtons({
  message,
  onAnswer,
}: {
  message: ChatMessage;
  onAnswer?: (message: ChatMessage, choice: ApprovalChoiceName) => void;
}) {
  const approval = message.approval;
  if (!approval) return null;
  if (approval.status !== "pending" || !onAnswer) {
    return (
      <p className="muted" data-testid="approval-status">
        {approval.statusText}
      </p>
    );
  }
  return (
    <div className="inline-form" data-testid="approval-buttons">
      {APPROVAL_BUTTONS.map(([choice, label]) => (
        <button key={choice} type="button" onClick={() => onAnswer(message, choice)}>
          {label}
        </button>
      ))}
    </div>
  );
}
