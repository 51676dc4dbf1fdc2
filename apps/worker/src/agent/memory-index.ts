import {
  DAILY_NOTES_DIR,
  isMemoryFile,
  type MemoryHit,
  WORKSPACE_FILES,
  type WorkspaceStore,
} from "@molt/agent";

const SESSION_SOURCE_PREFIX = "session:";
const SNIPPET_TOKENS = 16;

/**
 * Full-text search (SQLite FTS5 in the agent's Durable Object) over the memory files and past
 * session records. Files are re-indexed whenever their R2 size or upload time differs from what
 * was indexed, so edits made outside the agent (admin API, sandbox sync) are found too.
 */
export class MemoryIndex {
  /** The tables are created by the agent's migrations (`user-agent-schema.ts`). */
  constructor(
    private readonly sql: SqlStorage,
    private readonly store: WorkspaceStore,
  ) {}

  async search(query: string, limit: number): Promise<MemoryHit[]> {
    await this.syncFiles();
    const match = toFtsQuery(query);
    if (!match) return [];
    return this.sql
      .exec<{ source: string; snippet: string }>(
        `SELECT source, snippet(memory_fts, 1, '', '', '…', ${SNIPPET_TOKENS}) AS snippet
         FROM memory_fts WHERE memory_fts MATCH ? ORDER BY rank LIMIT ?`,
        match,
        limit,
      )
      .toArray()
      .map((row) => ({ source: row.source, snippet: row.snippet }));
  }

  /** Brings the index in step with the memory files in the workspace. */
  async syncFiles(): Promise<void> {
    const entries = [
      ...(await this.store.list(WORKSPACE_FILES.memory)).filter(
        (e) => e.path === WORKSPACE_FILES.memory,
      ),
      ...(await this.store.list(DAILY_NOTES_DIR)).filter((e) => isMemoryFile(e.path)),
    ];
    const indexed = new Map(
      this.sql
        .exec<{ source: string; stamp: string }>(
          `SELECT source, stamp FROM memory_docs WHERE source NOT LIKE '${SESSION_SOURCE_PREFIX}%'`,
        )
        .toArray()
        .map((row) => [row.source, row.stamp]),
    );
    for (const entry of entries) {
      const stamp = `${entry.size}:${entry.modifiedAt}`;
      if (indexed.get(entry.path) !== stamp) {
        this.replaceDocument(entry.path, (await this.store.readText(entry.path)) ?? "", stamp);
      }
      indexed.delete(entry.path);
    }
    for (const gone of indexed.keys()) this.removeDocument(gone);
  }

  /** Re-reads one file now (after the agent wrote it). */
  async reindexFile(path: string): Promise<void> {
    const text = await this.store.readText(path);
    if (text === null) {
      this.removeDocument(path);
      return;
    }
    // The stamp is unknown until the next listing: an empty one forces a re-check then.
    this.replaceDocument(path, text, "");
  }

  /** Keeps a session's record (summary or transcript) searchable after it leaves the prompt. */
  recordSession(sessionId: string, conversationKey: string, summary: string, now: number): void {
    this.sql.exec(
      `INSERT INTO session_records (session_id, conversation_key, summary, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(session_id) DO UPDATE SET summary = excluded.summary, updated_at = excluded.updated_at`,
      sessionId,
      conversationKey,
      summary,
      now,
    );
    this.replaceDocument(`${SESSION_SOURCE_PREFIX}${sessionId}`, summary, String(now));
  }

  /** Drops every line of past session records that contains `text`; returns how many. */
  forgetInSessions(text: string, now: number): number {
    const needle = text.toLowerCase();
    let removed = 0;
    const rows = this.sql
      .exec<{ session_id: string; conversation_key: string; summary: string }>(
        "SELECT session_id, conversation_key, summary FROM session_records",
      )
      .toArray();
    for (const row of rows) {
      const lines = row.summary.split("\n");
      const kept = lines.filter((line) => !line.toLowerCase().includes(needle));
      if (kept.length === lines.length) continue;
      removed += lines.length - kept.length;
      this.recordSession(row.session_id, row.conversation_key, kept.join("\n"), now);
    }
    return removed;
  }

  sessionSummary(sessionId: string): string | null {
    return (
      this.sql
        .exec<{ summary: string }>(
          "SELECT summary FROM session_records WHERE session_id = ?",
          sessionId,
        )
        .toArray()[0]?.summary ?? null
    );
  }

  private replaceDocument(source: string, text: string, stamp: string): void {
    this.sql.exec("DELETE FROM memory_fts WHERE source = ?", source);
    for (const chunk of chunkText(text)) {
      this.sql.exec("INSERT INTO memory_fts (source, content) VALUES (?, ?)", source, chunk);
    }
    this.sql.exec(
      "INSERT INTO memory_docs (source, stamp) VALUES (?, ?) ON CONFLICT(source) DO UPDATE SET stamp = excluded.stamp",
      source,
      stamp,
    );
  }

  private removeDocument(source: string): void {
    this.sql.exec("DELETE FROM memory_fts WHERE source = ?", source);
    this.sql.exec("DELETE FROM memory_docs WHERE source = ?", source);
  }
}

/** One row per non-heading line, so a hit points at the fact itself. */
function chunkText(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith("#"));
}

/** The words of a free-text query as quoted FTS5 terms joined with OR; never FTS syntax. */
export function toFtsQuery(query: string): string {
  const words = query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words)]
    .slice(0, 12)
    .map((word) => `"${word}"`)
    .join(" OR ");
}
