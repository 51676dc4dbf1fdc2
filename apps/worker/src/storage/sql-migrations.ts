/**
 * Ordered schema migrations for one Durable Object class's SQLite, with the version reached
 * kept in a row of `schema_versions` (one row per class), like the agents SDK keeps its own
 * schema version. Each wake-up runs only the steps newer than that row, in one transaction.
 */

/** What a migration step may touch: the SQL database and the object's built-in key/value API. */
export interface MigrationContext {
  sql: SqlStorage;
  /** The Durable Object's synchronous key/value storage (data kept there before a migration). */
  kv: Pick<SyncKvStorage, "get" | "delete" | "list">;
}

export interface SqlMigration {
  /** 1, 2, 3, ... in order; a released step is never edited, a change is a new step. */
  version: number;
  description: string;
  apply(context: MigrationContext): void;
}

export interface MigrationTarget extends MigrationContext {
  /** Runs the closure atomically (`ctx.storage.transactionSync` in a Durable Object). */
  transactionSync<T>(closure: () => T): T;
}

/** A Durable Object's storage as a migration target. */
export function migrationTargetOf(storage: DurableObjectStorage): MigrationTarget {
  return {
    sql: storage.sql,
    kv: storage.kv,
    transactionSync: (closure) => storage.transactionSync(closure),
  };
}

/** Brings `schema`'s tables to the newest version; returns the version it is at afterwards. */
export function applySqlMigrations(
  target: MigrationTarget,
  schema: string,
  migrations: readonly SqlMigration[],
): number {
  assertOrdered(schema, migrations);
  const { sql } = target;
  sql.exec(
    "CREATE TABLE IF NOT EXISTS schema_versions (schema TEXT PRIMARY KEY, version INTEGER NOT NULL)",
  );
  const current = readSchemaVersion(sql, schema);
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return current;
  return target.transactionSync(() => {
    for (const migration of pending) migration.apply(target);
    const reached = pending.at(-1)?.version ?? current;
    sql.exec(
      `INSERT INTO schema_versions (schema, version) VALUES (?, ?)
       ON CONFLICT(schema) DO UPDATE SET version = excluded.version`,
      schema,
      reached,
    );
    return reached;
  });
}

export function readSchemaVersion(sql: SqlStorage, schema: string): number {
  return (
    sql
      .exec<{ version: number }>("SELECT version FROM schema_versions WHERE schema = ?", schema)
      .toArray()[0]?.version ?? 0
  );
}

/** The columns a table has now; a step that adds a column checks first, so it can run twice. */
export function tableColumns(sql: SqlStorage, table: string): string[] {
  return sql
    .exec<{ name: string }>("SELECT name FROM pragma_table_info(?)", table)
    .toArray()
    .map((column) => column.name);
}

export function tableExists(sql: SqlStorage, table: string): boolean {
  return (
    sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", table).toArray()
      .length > 0
  );
}

function assertOrdered(schema: string, migrations: readonly SqlMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`${schema} migrations must be numbered 1, 2, 3, ... in order`);
    }
  });
}
