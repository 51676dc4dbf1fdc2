import { type FormEvent, useEffect, useRef, useState } from "react";

interface ChatComposerProps {
  /** While the agent is busy or the page is loading; one turn at a time keeps replies in order. */
  disabled: boolean;
  /** Resolves true when the message was accepted, which clears the input. */
  onSend: (text: string) => Promise<boolean>;
}

export function ChatComposer({ disabled, onSend }: ChatComposerProps) {
  const [text, setText] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);

  // Disabling the input drops its focus; give it back so the next message can be typed at once.
  useEffect(() => {
    if (!disabled) inputRef.current?.focus();
  }, [disabled]);

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
        ref={inputRef}
        type="text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        disabled={disabled}
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
