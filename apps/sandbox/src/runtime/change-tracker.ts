import { randomUUID } from "node:crypto";
import { type ChangesResult, DEFAULT_SYNC_EXCLUDES } from "@molt/contracts";
import { walkBeneath } from "./open-beneath";
import { RuntimeError } from "./runtime-error";
import type { WorkspaceRoot } from "./workspace-paths";

/** Snapshots kept for `since` markers; the Worker only ever needs the latest one or two. */
const KEPT_SNAPSHOTS = 4;

type Snapshot = Map<string, string>;

/**
 * Tells which files changed since a marker by comparing snapshots of size and nanosecond
 * mtime/ctime. Bulky cache directories are left out, so they never reach R2.
 */
export class ChangeTracker {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly skipDirs: ReadonlySet<string>;

  constructor(
    private readonly root: WorkspaceRoot,
    excludes: readonly string[] = DEFAULT_SYNC_EXCLUDES,
  ) {
    this.skipDirs = new Set(excludes);
  }

  async snapshot(): Promise<{ marker: string; files: number }> {
    const snapshot = await this.scan();
    return { marker: this.keep(snapshot), files: snapshot.size };
  }

  async changesSince(marker: string): Promise<ChangesResult> {
    const before = this.snapshots.get(marker);
    if (!before) {
      throw new RuntimeError(
        "unknown_marker",
        `Unknown snapshot marker "${marker}"; take a new snapshot.`,
      );
    }
    const after = await this.scan();
    const changed: ChangesResult["changed"] = [];
    let totalBytes = 0;
    for (const [path, signature] of after) {
      const size = Number(signature.split(":")[0]);
      totalBytes += size;
      if (before.get(path) !== signature) changed.push({ path, size });
    }
    const deleted = [...before.keys()].filter((path) => !after.has(path));
    return { marker: this.keep(after), changed, deleted, totalBytes };
  }

  private keep(snapshot: Snapshot): string {
    const marker = randomUUID();
    this.snapshots.set(marker, snapshot);
    while (this.snapshots.size > KEPT_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value as string;
      this.snapshots.delete(oldest);
    }
    return marker;
  }

  private async scan(): Promise<Snapshot> {
    const snapshot: Snapshot = new Map();
    // Through descriptors, like the file tools: a directory swapped for a link is not entered.
    const entries = walkBeneath(this.root.dir, [], { recursive: true, skipDirs: this.skipDirs });
    for await (const { path, info } of entries) {
      if (!info.isFile()) continue;
      snapshot.set(path, `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}`);
    }
    return snapshot;
  }
}
