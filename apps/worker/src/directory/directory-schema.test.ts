import { afterEach, describe, expect, it } from "vitest";
import { AuditLogStore } from "../audit/audit-log-store";
import { applySqlMigrations, readSchemaVersion } from "../storage/sql-migrations";
import { createNodeDurableStorage, type NodeDurableStorage } from "../testing/node-sql-storage";
import { DIRECTORY_MIGRATIONS, DIRECTORY_SCHEMA } from "./directory-schema";

/** What `Directory` and `AuditLogStore` created in their constructors before versioning. */
const UNVERSIONED_DDL = `
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
`;

describe("the Directory's migrations", () => {
  let storage: NodeDurableStorage;
  afterEach(() => storage.close());

  it("take a directory made by the unversioned code to the newest version, data kept", () => {
    storage = createNodeDurableStorage();
    const { sql } = storage;
    sql.exec(UNVERSIONED_DDL);
    sql.exec("INSERT INTO users VALUES ('u1', 'Ana', 1)");
    sql.exec("INSERT INTO identities VALUES ('telegram:42', 'u1', 1)");
    new AuditLogStore(sql).record({ at: 1, actor: "ops@example.com", action: "x", target: "u1" });

    applySqlMigrations(storage, DIRECTORY_SCHEMA, DIRECTORY_MIGRATIONS);

    expect(readSchemaVersion(sql, DIRECTORY_SCHEMA)).toBe(DIRECTORY_MIGRATIONS.length);
    expect(sql.exec("SELECT user_id FROM identities").toArray()).toEqual([{ user_id: "u1" }]);
    expect(new AuditLogStore(sql).list().map((entry) => entry.actor)).toEqual(["ops@example.com"]);
  });
});
