import type { WorkspaceStore } from "@molt/agent";
import {
  type BundledFile,
  type ChangesResult,
  changesResultSchema,
  encodeFileBundle,
  importFilesResultSchema,
} from "@molt/contracts";
import { z } from "zod";
import {
  DEFAULT_SYNC_LIMITS,
  formatBytes,
  type SkippedFile,
  type SyncLimits,
  whyNotSynced,
} from "./sync-limits";

/** Restore and export requests carry at most this many bytes of file content each. */
export const TRANSFER_BATCH_BYTES = 8 * 1024 * 1024;
const TRANSFER_BATCH_FILES = 1_000;
const R2_READ_CONCURRENCY = 32;

/** A runtime call: a JSON body, a file bundle (Uint8Array) or none (GET). */
export type RuntimeCall = <Schema extends z.ZodType>(
  path: string,
  body: unknown,
  schema: Schema,
) => Promise<z.infer<Schema>>;

export const exportedBundleSchema = z.object({
  files: z.array(z.object({ path: z.string(), bytes: z.instanceof(Uint8Array) })),
  missing: z.array(z.string()),
});

/** Copies every file of the user's R2 workspace into a fresh runtime, in bounded batches. */
export async function restoreWorkspace(store: WorkspaceStore, call: RuntimeCall): Promise<number> {
  const entries = await store.list();
  let batch: BundledFile[] = [];
  let batchBytes = 0;
  let sending: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const bundle = encodeFileBundle(batch);
    batch = [];
    batchBytes = 0;
    // One batch goes to the runtime while the next is read from R2.
    await sending;
    sending = call("/files/import", bundle, importFilesResultSchema);
  };
  for (let at = 0; at < entries.length; at += R2_READ_CONCURRENCY) {
    const slice = entries.slice(at, at + R2_READ_CONCURRENCY);
    const contents = await Promise.all(slice.map((entry) => store.readBytes(entry.path)));
    for (let index = 0; index < slice.length; index++) {
      const bytes = contents[index];
      if (!bytes) continue;
      const tooBig = batchBytes + bytes.byteLength > TRANSFER_BATCH_BYTES;
      if (tooBig || batch.length >= TRANSFER_BATCH_FILES) await flush();
      batch.push({ path: (slice[index] as { path: string }).path, bytes });
      batchBytes += bytes.byteLength;
    }
  }
  await flush();
  await sending;
  return entries.length;
}

/**
 * Writes the files changed since `marker` to R2 and removes the deleted ones. Only what changed
 * in the sandbox is written, so an R2 edit made meanwhile by another feature is never overwritten
 * by a stale copy of an untouched file. Returns the marker to use next time, always: a file that
 * cannot be saved (its name, its size, the workspace's size, a failed write) is listed in
 * `skipped` with the reason, and never stops the other files or the syncs of later turns.
 */
export async function syncChangesToStore(
  store: WorkspaceStore,
  call: RuntimeCall,
  marker: string,
  limits: SyncLimits = DEFAULT_SYNC_LIMITS,
): Promise<{ marker: string; written: number; deleted: number; skipped: SkippedFile[] }> {
  const changes: ChangesResult = await call(
    `/changes?since=${encodeURIComponent(marker)}`,
    undefined,
    changesResultSchema,
  );
  const skipped: SkippedFile[] = [];
  let written = 0;
  const deleted = changes.deleted.filter((path) => whyNotSynced(path, 0, limits) === null);
  const overWorkspaceCap = (changes.totalBytes ?? 0) > limits.maxWorkspaceBytes;
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const exported = await call("/files/export", { paths: batch }, exportedBundleSchema);
    await Promise.all(
      exported.files.map(async (file) => {
        try {
          await store.write(file.path, file.bytes);
          written++;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          skipped.push({ path: file.path, reason: `saving it failed (${reason})` });
        }
      }),
    );
    deleted.push(...exported.missing);
    batch = [];
    batchBytes = 0;
  };
  for (const file of changes.changed) {
    const why = overWorkspaceCap
      ? `the workspace holds ${formatBytes(changes.totalBytes ?? 0)}, over the ${formatBytes(limits.maxWorkspaceBytes)} workspace limit; remove files and the next changes are saved`
      : whyNotSynced(file.path, file.size, limits);
    if (why) {
      skipped.push({ path: file.path, reason: why });
      continue;
    }
    const tooBig = batchBytes + file.size > TRANSFER_BATCH_BYTES;
    if (tooBig || batch.length >= TRANSFER_BATCH_FILES) await flush();
    batch.push(file.path);
    batchBytes += file.size;
  }
  await flush();
  await Promise.all(deleted.map((path) => store.delete(path)));
  return { marker: changes.marker, written, deleted: deleted.length, skipped };
}
