import { type FormEvent, useCallback, useState } from "react";
import { ApiError, describeError } from "../api/request-json";
import { listFiles, readFile, writeFile } from "../api/user-api";
import { useAction } from "../hooks/use-action";
import { useAsyncData } from "../hooks/use-async-data";
import { ErrorMessage } from "./error-message";
import { formatTime } from "./section-state";

/** The memory file the agent reads into its prompt; offered first even before it exists. */
const MEMORY_FILE = "MEMORY.md";

interface OpenFile {
  path: string;
  content: string;
  /** What is saved, to tell whether the editor has unsaved changes. */
  saved: string;
}

/** Browse a user's workspace in R2 and view, edit and save text files. */
export function FilesSection({ userId }: { userId: string }) {
  const load = useCallback(() => listFiles(userId), [userId]);
  const files = useAsyncData(load);
  const [open, setOpen] = useState<OpenFile>();
  const [openError, setOpenError] = useState<string>();
  const [newPath, setNewPath] = useState("");
  const save = useAction();
  const [notice, setNotice] = useState<string>();

  const openFile = async (path: string) => {
    setOpenError(undefined);
    setNotice(undefined);
    try {
      const file = await readFile(userId, path);
      setOpen({ path: file.path, content: file.content, saved: file.content });
    } catch (error) {
      // A file that does not exist yet opens empty, to be created by saving.
      if (error instanceof ApiError && error.status === 404 && error.code === "not_found") {
        setOpen({ path, content: "", saved: "" });
      } else {
        setOpenError(describeError(error));
      }
    }
  };

  const saveFile = () =>
    save.run(async () => {
      if (!open) return;
      const written = await writeFile(userId, open.path, open.content);
      setOpen({ ...open, path: written.path, saved: written.content });
      setNotice(`Saved ${written.path}.`);
      await files.reload();
    });

  const createFile = (event: FormEvent) => {
    event.preventDefault();
    if (newPath.trim()) void openFile(newPath.trim());
    setNewPath("");
  };

  const paths = files.data?.files ?? [];
  return (
    <section data-testid="files-section">
      <div className="section-head">
        <h2>Workspace and memory</h2>
        <button type="button" className="secondary" onClick={files.reload} disabled={files.loading}>
          Refresh
        </button>
      </div>
      <ErrorMessage message={files.error} />
      <div className="file-browser">
        <div className="file-list">
          <ul className="plain" aria-label="Files">
            {!paths.some((file) => file.path === MEMORY_FILE) && (
              <li>
                <button
                  type="button"
                  className="link"
                  onClick={() => openFile(MEMORY_FILE)}
                  data-testid="file-open"
                  data-path={MEMORY_FILE}
                >
                  {MEMORY_FILE} <span className="muted">(new)</span>
                </button>
              </li>
            )}
            {paths.map((file) => (
              <li key={file.path} className={open?.path === file.path ? "selected" : undefined}>
                <button
                  type="button"
                  className="link"
                  onClick={() => openFile(file.path)}
                  data-testid="file-open"
                  data-path={file.path}
                  title={`${file.size} bytes, ${formatTime(file.modifiedAt)}`}
                >
                  {file.path}
                </button>
              </li>
            ))}
          </ul>
          {files.data && paths.length === 0 && <p className="muted">The workspace is empty.</p>}
          <form onSubmit={createFile} className="inline-form">
            <input
              value={newPath}
              onChange={(event) => setNewPath(event.target.value)}
              placeholder="notes/new-file.md"
              aria-label="New file path"
            />
            <button type="submit" className="secondary" disabled={!newPath.trim()}>
              New file
            </button>
          </form>
        </div>
        <div className="file-editor">
          <ErrorMessage message={openError} />
          {!open && <p className="muted">Pick a file to view or edit it.</p>}
          {open && (
            <>
              <div className="section-head">
                <code data-testid="editor-path">{open.path}</code>
                {open.content !== open.saved && <span className="badge pending">unsaved</span>}
              </div>
              <textarea
                value={open.content}
                onChange={(event) => setOpen({ ...open, content: event.target.value })}
                aria-label={`Content of ${open.path}`}
                spellCheck={false}
                data-testid="file-editor"
              />
              <div className="actions">
                <button
                  type="button"
                  onClick={saveFile}
                  disabled={save.busy || open.content === open.saved}
                  data-testid="file-save"
                >
                  {save.busy ? "Saving…" : "Save"}
                </button>
                {notice && (
                  <span className="notice-inline" role="status" data-testid="file-notice">
                    {notice}
                  </span>
                )}
              </div>
              <ErrorMessage message={save.error} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
