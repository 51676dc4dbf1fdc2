import { SKILLS_DIR, WORKSPACE_FILES, type WorkspaceEntry, type WorkspaceStore } from "@molt/agent";
import { z } from "zod";

/**
 * Files longer than this are read from R2 each time rather than copied into SQLite: even at four
 * UTF-8 bytes a character it stays under a Durable Object's 2 MB row limit.
 */
export const MAX_CACHED_FILE_CHARS = 256 * 1024;

/** HEARTBEAT.md is read by the heartbeat, not by a turn: it is not kept. */
const TOP_LEVEL_FILES = new Set<string>([
  WORKSPACE_FILES.agents,
  WORKSPACE_FILES.soul,
  WORKSPACE_FILES.user,
  WORKSPACE_FILES.memory,
]);
const DAILY_NOTE = /^memory\/\d{4}-\d{2}-\d{2}\.md$/;
const SKILL_FILE = /^skills\/[^/]+\/SKILL\.md$/;
/** Listings a turn makes (the skills folder); any other listing goes to R2. */
const CACHED_LISTINGS = new Set<string>([SKILLS_DIR]);

/** What a turn's prompt reads: the workspace files, the daily notes and every SKILL.md. */
export function isPromptFile(path: string): boolean {
  return TOP_LEVEL_FILES.has(path) || DAILY_NOTE.test(path) || SKILL_FILE.test(path);
}

const entriesSchema = z.array(
  z.object({ path: z.string(), size: z.number(), modifiedAt: z.number() }),
);

/**
 * The person's workspace with what a turn's prompt needs kept in the agent's own SQLite, so a
 * plain turn makes no R2 round trip. R2 stays the source of truth: every write and delete made
 * through this store goes to R2 first and then replaces the cached copy, and writers outside the
 * agent (admin edits, imports) call `forget` over RPC after their R2 write. A missing file is
 * cached as missing too. `readBytes` and other paths pass straight through.
 *
 * A read that was in flight while a path was written must not put the old text back: every
 * change bumps `generation`, and a read only fills the cache if none happened meanwhile.
 */
export class CachedWorkspaceStore implements WorkspaceStore {
  private generation = 0;

  constructor(
    private readonly inner: WorkspaceStore,
    private readonly sql: SqlStorage,
    private readonly now: () => number = Date.now,
  ) {}

  async readText(path: string): Promise<string | null> {
    if (!isPromptFile(path)) return this.inner.readText(path);
    const row = this.sql
      .exec<{ content: string | null }>(
        "SELECT content FROM workspace_file_cache WHERE path = ?",
        path,
      )
      .toArray()[0];
    if (row) return row.content;
    const before = this.generation;
    const text = await this.inner.readText(path);
    if (before === this.generation) this.keepFile(path, text);
    return text;
  }

  readBytes(path: string): Promise<Uint8Array | null> {
    return this.inner.readBytes(path);
  }

  async write(path: string, content: string | Uint8Array): Promise<void> {
    try {
      await this.inner.write(path, content);
    } finally {
      // Whether or not R2 took it, the cached copy may no longer match R2.
      this.forget([path]);
    }
    if (isPromptFile(path)) {
      this.keepFile(
        path,
        typeof content === "string" ? content : new TextDecoder().decode(content),
      );
    }
  }

  async delete(path: string): Promise<void> {
    try {
      await this.inner.delete(path);
    } finally {
      this.forget([path]);
    }
    if (isPromptFile(path)) this.keepFile(path, null);
  }

  async list(prefix = ""): Promise<WorkspaceEntry[]> {
    if (!CACHED_LISTINGS.has(prefix)) return this.forgetOlderCopies(await this.inner.list(prefix));
    const row = this.sql
      .exec<{ entries_json: string }>(
        "SELECT entries_json FROM workspace_list_cache WHERE prefix = ?",
        prefix,
      )
      .toArray()[0];
    const cached = row ? entriesSchema.safeParse(JSON.parse(row.entries_json)) : undefined;
    if (cached?.success) return cached.data;
    const before = this.generation;
    const entries = await this.inner.list(prefix);
    const json = JSON.stringify(entries);
    if (before === this.generation && json.length <= MAX_CACHED_FILE_CHARS) {
      this.sql.exec(
        `INSERT INTO workspace_list_cache (prefix, entries_json, cached_at) VALUES (?, ?, ?)
         ON CONFLICT(prefix) DO UPDATE SET entries_json = excluded.entries_json,
           cached_at = excluded.cached_at`,
        prefix,
        json,
        this.now(),
      );
    }
    return entries;
  }

  /**
   * Drops the cached copies of `paths` (and every cached listing that holds them), or of
   * everything when `paths` is "all": the next read goes to R2. For writers that bypass this store.
   */
  forget(paths: readonly string[] | "all"): void {
    this.generation++;
    if (paths === "all") {
      this.sql.exec("DELETE FROM workspace_file_cache");
      this.sql.exec("DELETE FROM workspace_list_cache");
      return;
    }
    for (const path of paths) {
      this.sql.exec("DELETE FROM workspace_file_cache WHERE path = ?", path);
      this.sql.exec(
        "DELETE FROM workspace_list_cache WHERE substr(?, 1, length(prefix)) = prefix",
        path,
      );
    }
  }

  /**
   * A listing that went to R2 shows when each file was last written there: a cached copy older
   * than that was written past the agent (by hand), so it is dropped. The memory index lists the
   * memory files before it re-indexes them, so it never indexes a stale copy.
   */
  private forgetOlderCopies(entries: WorkspaceEntry[]): WorkspaceEntry[] {
    const stale = entries.filter((entry) => {
      if (!isPromptFile(entry.path)) return false;
      const row = this.sql
        .exec<{ cached_at: number }>(
          "SELECT cached_at FROM workspace_file_cache WHERE path = ?",
          entry.path,
        )
        .toArray()[0];
      return row !== undefined && entry.modifiedAt > row.cached_at;
    });
    if (stale.length > 0) this.forget(stale.map((entry) => entry.path));
    return entries;
  }

  private keepFile(path: string, content: string | null): void {
    if (content !== null && content.length > MAX_CACHED_FILE_CHARS) return;
    this.sql.exec(
      `INSERT INTO workspace_file_cache (path, content, cached_at) VALUES (?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET content = excluded.content, cached_at = excluded.cached_at`,
      path,
      content,
      this.now(),
    );
  }
}
