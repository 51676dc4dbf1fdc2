import { type FormEvent, useState } from "react";

interface ChatComposerProps {
  disabled: boolean;
  /** Resolves true when the message was accepted, which clears the input. */
  onSend: (text: string) => Promise<boolean>;
}

export function ChatComposer({ disabled, onSend }: ChatComposerProps) {
  const [text, setText] = useState("");

  // A form gives Enter-to-send for free.
  async function submit(event: FormEvent) {
    event.preventDefault();
    const message = text.trim();
    if (!message || disabled) return;
    if (await onSend(message)) setText("");
  }

  return (
    <form className="composer" onSubmit={submit}>
      <input
        type="text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Message the agent"
        aria-label="Message"
        data-testid="chat-input"
      />
      <button type="submit" disabled={disabled || !text.trim()} data-testid="chat-send">
        Send
      </button>
    </form>
  );
}
