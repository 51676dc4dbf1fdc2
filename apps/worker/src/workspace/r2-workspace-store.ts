import type { WorkspaceEntry, WorkspaceStore } from "@molt/agent";

/** R2 key prefix under which a user's workspace lives; R2 is the source of truth for files. */
export function workspacePrefix(userId: string): string {
  return `users/${userId}/workspace/`;
}

/** Counts the R2 calls a store makes (the `turn` log's `r2Ops`, the benchmark's R2 count). */
export interface R2OperationCounter {
  count: number;
}

/** A user's workspace in the WORKSPACES bucket. */
export class R2WorkspaceStore implements WorkspaceStore {
  private readonly prefix: string;

  constructor(
    private readonly bucket: R2Bucket,
    userId: string,
    private readonly counter: R2OperationCounter = { count: 0 },
  ) {
    this.prefix = workspacePrefix(userId);
  }

  async readText(path: string): Promise<string | null> {
    this.counter.count++;
    const object = await this.bucket.get(this.prefix + path);
    return object ? object.text() : null;
  }

  async readBytes(path: string): Promise<Uint8Array | null> {
    this.counter.count++;
    const object = await this.bucket.get(this.prefix + path);
    return object ? new Uint8Array(await object.arrayBuffer()) : null;
  }

  async write(path: string, content: string | Uint8Array): Promise<void> {
    this.counter.count++;
    await this.bucket.put(this.prefix + path, content);
  }

  async delete(path: string): Promise<void> {
    this.counter.count++;
    await this.bucket.delete(this.prefix + path);
  }

  async list(prefix = ""): Promise<WorkspaceEntry[]> {
    const entries: WorkspaceEntry[] = [];
    let cursor: string | undefined;
    do {
      this.counter.count++;
      const page = await this.bucket.list({ prefix: this.prefix + prefix, cursor });
      for (const object of page.objects) {
        entries.push({
          path: object.key.slice(this.prefix.length),
          size: object.size,
          modifiedAt: object.uploaded.getTime(),
        });
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return entries.sort((a, b) => a.path.localeCompare(b.path));
  }
}
