import type { UserImportPreview } from "@molt/contracts";

interface ImportInstructionReviewProps {
  preview: UserImportPreview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The instruction files an import would change, shown in full before anything is written: an
 * archive from elsewhere could rewrite the agent's rules, persona or skills.
 */
export function ImportInstructionReview({
  preview,
  busy,
  onConfirm,
  onCancel,
}: ImportInstructionReviewProps) {
  return (
    <div className="notice" data-testid="import-review">
      <p>
        This archive changes the agent's instructions. Read them before importing{" "}
        {preview.files.length} files:
      </p>
      {preview.instructionChanges.map((change) => (
        <details key={change.path} open>
          <summary>
            <code>{change.path}</code>{" "}
            {change.current === null ? "(new)" : "(replaces the current one)"}
          </summary>
          <pre>{change.incoming}</pre>
        </details>
      ))}
      <div className="actions">
        <button type="button" onClick={onConfirm} disabled={busy} data-testid="import-confirm">
          Import with these instructions
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
