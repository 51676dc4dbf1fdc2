import { type FormEvent, useEffect, useRef, useState } from "react";

interface ChatComposerProps {
  /** While the agent is busy or the page is loading; one turn at a time keeps replies in order. */
  disabled: boolean;
  /** Resolves true when the message was accepted, which clears the input and the file. */
  onSend: (text: string, file?: File) => Promise<boolean>;
}

/** The web chat takes files up to this size, as the API does. */
export const CHAT_FILE_MAX_BYTES = 10 * 1024 * 1024;

export function ChatComposer({ disabled, onSend }: ChatComposerProps) {
  const [text, setText] = useState("");
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  // Disabling the input drops its focus; give it back so the next message can be typed at once.
  useEffect(() => {
    if (!disabled) inputRef.current?.focus();
  }, [disabled]);

  function pick(picked: File | undefined) {
    if (picked && picked.size > CHAT_FILE_MAX_BYTES) {
      setFileError(`${picked.name} is over the 10 MB limit.`);
      setFile(undefined);
      if (fileRef.current) fileRef.current.value = "";
      return;
    }
    setFileError(undefined);
    setFile(picked);
  }

  // A form gives Enter-to-send for free.
  async function submit(event: FormEvent) {
    event.preventDefault();
    const message = text.trim();
    if ((!message && !file) || disabled) return;
    if (await onSend(message, file)) {
      setText("");
      setFile(undefined);
      if (fileRef.current) fileRef.current.value = "";
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label className="attach" title="Attach a picture, a recording or a document">
        <span aria-hidden="true">📎</span>
        <input
          ref={fileRef}
          type="file"
          className="attach-input"
          disabled={disabled}
          onChange={(event) => pick(event.target.files?.[0])}
          aria-label="Attach a file"
          data-testid="chat-attach"
        />
      </label>
      <input
        ref={inputRef}
        type="text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        disabled={disabled}
        placeholder={file ? `Say something about ${file.name} (optional)` : "Message the agent"}
        aria-label="Message"
        data-testid="chat-input"
      />
      <button type="submit" disabled={disabled || (!text.trim() && !file)} data-testid="chat-send">
        Send
      </button>
      {file && (
        <p className="attached muted" data-testid="chat-attached">
          {file.name}
        </p>
      )}
      {fileError && <p className="error">{fileError}</p>}
    </form>
  );
}
