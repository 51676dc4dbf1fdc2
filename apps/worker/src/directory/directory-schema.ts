import type { SqlMigration } from "../storage/sql-migrations";

/** The `schema_versions` row of the one global Directory Durable Object. */
export const DIRECTORY_SCHEMA = "Directory";

/**
 * Every table of the Directory, and which class alone writes it:
 *
 * | table                                | owner          |
 * | ------------------------------------ | -------------- |
 * | users, identities, pairing_requests  | Directory      |
 * | audit_log                            | AuditLogStore  |
 * | mcp_operator_servers                 | OperatorMcpStore |
 */
export const DIRECTORY_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    // Idempotent over databases made before versioning: every statement is IF NOT EXISTS.
    description: "users, identities, pairing requests and the audit log as first released",
    apply: ({ sql }) => {
      sql.exec(`
        CREATE TABLE IF NOT EXISTS users (
          user_id TEXT PRIMARY KEY, display_name TEXT, created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS identities (
          identity TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(user_id),
          created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS pairing_requests (
          code TEXT PRIMARY KEY, identity TEXT NOT NULL UNIQUE, sender_name TEXT,
          address_json TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,
          last_seen_at INTEGER NOT NULL, last_notified_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_log (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL,
          action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT);
      `);
    },
  },
  {
    version: 2,
    description: "the operator's MCP servers, connected by every person's agent",
    apply: ({ sql }) => {
      sql.exec(`
        CREATE TABLE IF NOT EXISTS mcp_operator_servers (
          name TEXT PRIMARY KEY, url TEXT NOT NULL, added_by TEXT NOT NULL,
          added_at INTEGER NOT NULL);
      `);
    },
  },
];
