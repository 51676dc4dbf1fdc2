import { readFile } from "node:fs/promises";
import type { ExportFilesResult, ImportFilesResult, TransferFile } from "@molt/contracts";
import { writeOwnedFile } from "./file-owner";
import type { RunAs } from "./run-as";
import type { WorkspaceRoot } from "./workspace-paths";

/** Writes many files at once: how the Worker restores a workspace from R2. */
export async function importFiles(
  root: WorkspaceRoot,
  runAs: RunAs,
  files: TransferFile[],
): Promise<ImportFilesResult> {
  let bytes = 0;
  // Every path is checked before anything is written, so one bad path writes nothing.
  const targets = await Promise.all(files.map((file) => root.resolve(file.path)));
  for (let index = 0; index < files.length; index++) {
    const content = Buffer.from((files[index] as TransferFile).contentBase64, "base64");
    await writeOwnedFile(targets[index] as string, content, runAs);
    bytes += content.byteLength;
  }
  return { written: files.length, bytes };
}

/** Reads many files at once: how the Worker copies changed files to R2. */
export async function exportFiles(
  root: WorkspaceRoot,
  paths: string[],
): Promise<ExportFilesResult> {
  const files: TransferFile[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const absolute = await root.resolve(path);
    const content = await readFile(absolute).catch(() => null);
    if (content === null) missing.push(path);
    else files.push({ path: root.relative(absolute), contentBase64: content.toString("base64") });
  }
  return { files, missing };
}
