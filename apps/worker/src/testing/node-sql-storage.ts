import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { MigrationTarget } from "../storage/sql-migrations";

/**
 * A Durable Object's storage for unit tests in Node: the `SqlStorage` interface over
 * `node:sqlite` (the same SQLite engine, FTS5 included) and the synchronous key/value API over a
 * Map. It covers what this Worker uses: `exec` with bindings, `toArray`, `one`, `rowsWritten`,
 * several statements in one call (without bindings), and `transactionSync`.
 */
export interface NodeDurableStorage extends MigrationTarget {
  sql: SqlStorage;
  kv: SyncKvStorage;
  close(): void;
}

export function createNodeDurableStorage(): NodeDurableStorage {
  const db = new DatabaseSync(":memory:");
  const totalChanges = () =>
    Number((db.prepare("SELECT total_changes() AS n").get() as { n: number }).n);
  const sql = {
    exec(query: string, ...bindings: unknown[]) {
      const before = totalChanges();
      const isBatch = bindings.length === 0 && query.trim().replace(/;$/, "").includes(";");
      let rows: Record<string, SqlStorageValue>[] = [];
      if (isBatch) db.exec(query);
      else {
        rows = db.prepare(query).all(...(bindings as SQLInputValue[])) as typeof rows;
      }
      return createCursor(
        rows.map((row) => ({ ...row })),
        totalChanges() - before,
      );
    },
    get databaseSize() {
      return 0;
    },
  } as unknown as SqlStorage;
  let depth = 0;
  return {
    sql,
    kv: createMapKv(),
    transactionSync<T>(closure: () => T): T {
      // Nested calls join the outer transaction, as they do in a Durable Object.
      if (depth > 0) return closure();
      depth += 1;
      db.exec("BEGIN");
      try {
        const result = closure();
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      } finally {
        depth -= 1;
      }
    },
    close: () => db.close(),
  };
}

function createCursor(rows: Record<string, SqlStorageValue>[], rowsWritten: number) {
  return {
    toArray: () => rows,
    one: () => {
      if (rows.length !== 1) throw new Error(`Expected exactly one result, got ${rows.length}`);
      return rows[0];
    },
    rowsWritten,
    rowsRead: rows.length,
    columnNames: Object.keys(rows[0] ?? {}),
    [Symbol.iterator]: () => rows[Symbol.iterator](),
  };
}

function createMapKv(): SyncKvStorage {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string) => structuredClone(values.get(key)) as T | undefined,
    put: (key, value) => {
      values.set(key, structuredClone(value));
    },
    delete: (key) => values.delete(key),
    list: <T>(options?: SyncKvListOptions) =>
      [...values.entries()]
        .filter(([key]) => key.startsWith(options?.prefix ?? ""))
        .sort(([a], [b]) => (a < b ? -1 : 1)) as [string, T][],
  };
}
