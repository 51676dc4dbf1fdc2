import { useRef, useState } from "react";

const COPIED_LABEL_MS = 1500;

/** A command shown as code with a Copy button. */
export function CopyableCode({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  const codeRef = useRef<HTMLElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), COPIED_LABEL_MS);
    } catch {
      // Without clipboard access (plain http on a LAN address), select it for Ctrl+C instead.
      if (codeRef.current) window.getSelection()?.selectAllChildren(codeRef.current);
    }
  }

  return (
    <div className="copyable">
      <pre>
        <code ref={codeRef} data-testid="fix-command">
          {code}
        </code>
      </pre>
      <button type="button" className="secondary" onClick={copy}>
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
