import {
  type BundledFile,
  decodeFileBundle,
  encodeFileBundle,
  FileBundleError,
  type ImportFilesResult,
} from "@molt/contracts";
import { ownerFor, writeOwnedFile } from "./file-owner";
import { openFileBeneath } from "./open-beneath";
import type { RunAs } from "./run-as";
import { RuntimeError } from "./runtime-error";
import type { WorkspaceRoot } from "./workspace-paths";

/** Files written in parallel during an import: the disk, not the event loop, is the limit. */
const WRITE_CONCURRENCY = 16;

function decode(body: Buffer): BundledFile[] {
  try {
    return decodeFileBundle(body).files;
  } catch (error) {
    if (error instanceof FileBundleError) throw new RuntimeError("bad_request", error.message);
    throw error;
  }
}

/** Writes many files at once (a file bundle): how the Worker restores a workspace from R2. */
export async function importFiles(
  root: WorkspaceRoot,
  runAs: RunAs,
  body: Buffer,
): Promise<ImportFilesResult> {
  const files = decode(body);
  let bytes = 0;
  // Every path is checked before anything is written, so one bad path writes nothing.
  for (const file of files) root.split(file.path);
  let next = 0;
  const writeNext = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index] as BundledFile;
      await writeOwnedFile(root, file.path, file.bytes, runAs);
      bytes += file.bytes.byteLength;
    }
  };
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, writeNext));
  return { written: files.length, bytes };
}

/**
 * Reads many files at once into a file bundle: how the Worker copies changed files to R2. A path
 * that is gone, is a link or is not a regular file the command user owns is reported missing.
 */
export async function exportFiles(
  root: WorkspaceRoot,
  runAs: RunAs,
  paths: string[],
): Promise<Uint8Array> {
  const files: BundledFile[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const parts = root.split(path);
    const bytes = await readBeneath(root, parts, path, runAs);
    if (bytes === null) missing.push(path);
    else files.push({ path: parts.join("/"), bytes });
  }
  return encodeFileBundle(files, missing);
}

async function readBeneath(
  root: WorkspaceRoot,
  parts: string[],
  shown: string,
  runAs: RunAs,
): Promise<Buffer | null> {
  const file = await openFileBeneath(root.dir, parts, shown, "read", {
    owner: ownerFor(runAs),
  }).catch(() => null);
  if (!file) return null;
  try {
    return await file.readFile();
  } finally {
    await file.close();
  }
}
