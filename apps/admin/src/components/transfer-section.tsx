import type { UserImportPreview } from "@molt/contracts";
import { type ChangeEvent, useState } from "react";
import { exportUrl, importArchive, previewImport } from "../api/user-api";
import { plural } from "../format/plural";
import { useAction } from "../hooks/use-action";
import { ErrorMessage } from "./error-message";
import { ImportInstructionReview } from "./import-instruction-review";

/** Download everything of a user as one zip, or restore one into this user. */
export function TransferSection({
  userId,
  onImported,
}: {
  userId: string;
  onImported: () => void;
}) {
  const upload = useAction();
  const [notice, setNotice] = useState<string>();

  // An archive that changes instruction files waits here until the operator has read them.
  const [review, setReview] = useState<{ file: File; preview: UserImportPreview }>();

  const apply = async (file: File, confirm?: string) => {
    const result = await importArchive(userId, file, confirm);
    setReview(undefined);
    setNotice(
      `Restored ${plural(result.filesRestored, "file")}${result.skipped.length ? `, skipped ${result.skipped.join(", ")}` : ""}.`,
    );
    onImported();
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    void upload.run(async () => {
      setNotice(undefined);
      const preview = await previewImport(userId, file);
      if (preview.instructionChanges.length > 0) setReview({ file, preview });
      else await apply(file);
    });
  };

  return (
    <section data-testid="transfer-section">
      <h2>Export and import</h2>
      <p className="muted">
        One zip with the workspace (memory included), a sessions summary, schedules and a manifest.
        Importing restores the workspace files into this user.
      </p>
      <div className="actions">
        <a className="button" href={exportUrl(userId)} download data-testid="export-link">
          Download export
        </a>
        <label className="button secondary">
          {upload.busy ? "Importing…" : "Import archive…"}
          <input
            type="file"
            accept=".zip,application/zip"
            onChange={onFile}
            disabled={upload.busy || review !== undefined}
            className="visually-hidden"
            data-testid="import-input"
          />
        </label>
      </div>
      {review && (
        <ImportInstructionReview
          preview={review.preview}
          busy={upload.busy}
          onConfirm={() => void upload.run(() => apply(review.file, review.preview.archiveSha256))}
          onCancel={() => setReview(undefined)}
        />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorMessage message={upload.error} />
    </section>
  );
}
