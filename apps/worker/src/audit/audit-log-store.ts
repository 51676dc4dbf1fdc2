import type { AuditEntry } from "@molt/contracts";

export const AUDIT_PAGE_SIZE = 200;

export interface NewAuditEntry {
  at: number;
  actor: string;
  action: string;
  target: string;
  detail?: string;
}

/** The admin audit log, a table in the Directory's SQLite: who did what to whom, and when. */
export class AuditLogStore {
  /** The table is created by the Directory's migrations (`directory-schema.ts`). */
  constructor(private readonly sql: SqlStorage) {}

  record(entry: NewAuditEntry): void {
    this.sql.exec(
      "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
      entry.at,
      entry.actor,
      entry.action,
      entry.target,
      entry.detail ?? null,
    );
  }

  /** Newest first; `beforeSeq` pages back through older entries. */
  list(beforeSeq?: number, limit = AUDIT_PAGE_SIZE): AuditEntry[] {
    return this.sql
      .exec<{
        seq: number;
        at: number;
        actor: string;
        action: string;
        target: string;
        detail: string | null;
      }>(
        "SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?",
        beforeSeq ?? Number.MAX_SAFE_INTEGER,
        limit,
      )
      .toArray()
      .map((row) => ({ ...row }));
  }
}
