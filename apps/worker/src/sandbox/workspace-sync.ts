import type { WorkspaceStore } from "@molt/agent";
import {
  type ChangesResult,
  changesResultSchema,
  exportFilesResultSchema,
  importFilesResultSchema,
  type TransferFile,
} from "@molt/contracts";
import type { z } from "zod";

/** Restore and export requests carry at most this many raw bytes each. */
export const TRANSFER_BATCH_BYTES = 8 * 1024 * 1024;
const TRANSFER_BATCH_FILES = 500;
const R2_READ_CONCURRENCY = 16;

export type RuntimeCall = <Schema extends z.ZodType>(
  path: string,
  body: unknown,
  schema: Schema,
) => Promise<z.infer<Schema>>;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk) {
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Copies every file of the user's R2 workspace into a fresh runtime, in bounded batches. */
export async function restoreWorkspace(store: WorkspaceStore, call: RuntimeCall): Promise<number> {
  const entries = await store.list();
  let batch: TransferFile[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await call("/files/import", { files: batch }, importFilesResultSchema);
    batch = [];
    batchBytes = 0;
  };
  for (let at = 0; at < entries.length; at += R2_READ_CONCURRENCY) {
    const slice = entries.slice(at, at + R2_READ_CONCURRENCY);
    const contents = await Promise.all(slice.map((entry) => store.readBytes(entry.path)));
    for (let index = 0; index < slice.length; index++) {
      const bytes = contents[index];
      if (!bytes) continue;
      if (
        batchBytes + bytes.byteLength > TRANSFER_BATCH_BYTES ||
        batch.length >= TRANSFER_BATCH_FILES
      ) {
        await flush();
      }
      batch.push({ path: (slice[index] as { path: string }).path, contentBase64: toBase64(bytes) });
      batchBytes += bytes.byteLength;
    }
  }
  await flush();
  return entries.length;
}

/**
 * Writes the files changed since `marker` to R2 and removes the deleted ones. Only what changed
 * in the sandbox is written, so an R2 edit made meanwhile by another feature is never overwritten
 * by a stale copy of an untouched file. Returns the marker to use next time.
 */
export async function syncChangesToStore(
  store: WorkspaceStore,
  call: RuntimeCall,
  marker: string,
): Promise<{ marker: string; written: number; deleted: number }> {
  const changes: ChangesResult = await call(
    `/changes?since=${encodeURIComponent(marker)}`,
    undefined,
    changesResultSchema,
  );
  let written = 0;
  const deleted = [...changes.deleted];
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const exported = await call("/files/export", { paths: batch }, exportFilesResultSchema);
    for (const file of exported.files) {
      await store.write(file.path, fromBase64(file.contentBase64));
      written++;
    }
    deleted.push(...exported.missing);
    batch = [];
    batchBytes = 0;
  };
  for (const file of changes.changed) {
    if (batchBytes + file.size > TRANSFER_BATCH_BYTES || batch.length >= TRANSFER_BATCH_FILES)
      await flush();
    batch.push(file.path);
    batchBytes += file.size;
  }
  await flush();
  for (const path of deleted) await store.delete(path);
  return { marker: changes.marker, written, deleted: deleted.length };
}
