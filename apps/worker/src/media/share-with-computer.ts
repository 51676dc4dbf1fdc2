import type { ReceivedFile, WorkspaceStore } from "@molt/agent";
import { type BundledFile, encodeFileBundle, importFilesResultSchema } from "@molt/contracts";
import type { SandboxPort } from "../sandbox/sandbox-port";

/** The workspace files a received file left: the original, and its text or transcript. */
export function receivedFilePaths(files: readonly ReceivedFile[]): string[] {
  return files.flatMap((file) => {
    if (!file.path) return [];
    return [
      file.path,
      ...(file.documentTextPath ? [file.documentTextPath] : []),
      ...(file.transcript !== undefined ? [`${file.path}.txt`] : []),
    ];
  });
}

/**
 * A computer that is already running restored the workspace when it started, so it would not
 * see files received since: they are copied in now. A sleeping one is left asleep; it restores
 * them from R2 when it next starts.
 */
export async function shareReceivedFilesWithComputer(
  sandbox: Pick<SandboxPort, "status" | "call">,
  workspace: WorkspaceStore,
  files: readonly ReceivedFile[],
): Promise<"copied" | "not_running" | "nothing"> {
  const paths = receivedFilePaths(files);
  if (paths.length === 0) return "nothing";
  const status = await sandbox.status().catch(() => undefined);
  if (status?.state !== "running") return "not_running";
  const bundle: BundledFile[] = [];
  for (const path of paths) {
    const bytes = await workspace.readBytes(path);
    if (bytes) bundle.push({ path, bytes });
  }
  await sandbox.call("/files/import", encodeFileBundle(bundle), importFilesResultSchema);
  return "copied";
}
