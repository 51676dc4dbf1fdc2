import { afterEach, describe, expect, it } from "vitest";
import { applySqlMigrations, readSchemaVersion } from "../storage/sql-migrations";
import { createMigratedAgentStorage } from "../testing/migrated-agent-storage";
import { createNodeDurableStorage, type NodeDurableStorage } from "../testing/node-sql-storage";
import { AgentSettings } from "./agent-settings";
import { browserStateStore, sandboxStateStore } from "./agent-state-stores";
import { AgentStore } from "./agent-store";
import { USER_AGENT_MIGRATIONS, USER_AGENT_SCHEMA } from "./user-agent-schema";

/**
 * The DDL the stores ran in their constructors before the schema was versioned, verbatim
 * (`AgentStore`, `MemoryIndex`, `ReminderStore`, `Personalization`), from a release before the
 * outbox had its attachment column.
 */
const UNVERSIONED_DDL = `
  CREATE TABLE IF NOT EXISTS inbox (
    id TEXT PRIMARY KEY, conversation_key TEXT NOT NULL, message_json TEXT NOT NULL,
    status TEXT NOT NULL, error TEXT, received_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS inbox_by_conversation ON inbox (conversation_key, received_at);
  CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, inbox_id TEXT, channel TEXT NOT NULL,
    conversation_key TEXT NOT NULL, address_json TEXT NOT NULL, text TEXT NOT NULL,
    status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
    parts_sent INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS sessions (
    conversation_key TEXT PRIMARY KEY, session_id TEXT NOT NULL, started_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL,
    message_json TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS history_by_session ON history (session_id, seq);
  CREATE TABLE IF NOT EXISTS usage_daily (
    day TEXT PRIMARY KEY, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
    turns INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS browser_state (
    id INTEGER PRIMARY KEY CHECK (id = 1), session_id TEXT NOT NULL, target_id TEXT,
    updated_at INTEGER NOT NULL);
  CREATE VIRTUAL TABLE IF NOT EXISTS memory_fts USING fts5(source UNINDEXED, content);
  CREATE TABLE IF NOT EXISTS memory_docs (source TEXT PRIMARY KEY, stamp TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS session_records (
    session_id TEXT PRIMARY KEY, conversation_key TEXT NOT NULL, summary TEXT NOT NULL,
    updated_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS reminders (
    id TEXT PRIMARY KEY, action TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
    cron TEXT, time_zone TEXT NOT NULL, next_run_at INTEGER NOT NULL, origin_json TEXT NOT NULL,
    schedule_id TEXT, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS agent_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const address = { channel: "telegram" as const, chatId: "42" };

describe("the UserAgent's migrations", () => {
  let storage: NodeDurableStorage;
  afterEach(() => storage.close());

  it("take a database made by the unversioned code to the newest version, data kept", () => {
    storage = createNodeDurableStorage();
    const { sql, kv } = storage;
    sql.exec(UNVERSIONED_DDL);
    sql.exec(
      `INSERT INTO outbox (inbox_id, channel, conversation_key, address_json, text, status, created_at)
       VALUES ('m1', 'telegram', 'telegram:42', ?, 'waiting reply', 'pending', 1)`,
      JSON.stringify(address),
    );
    sql.exec(
      "INSERT INTO history (session_id, message_json, created_at) VALUES ('s@1', ?, 1)",
      JSON.stringify({ role: "user", content: "hi" }),
    );
    sql.exec("INSERT INTO agent_settings VALUES ('daily_token_limit', '5000')");
    sql.exec("INSERT INTO browser_state VALUES (1, 'session-1', NULL, 1)");
    sql.exec("INSERT INTO memory_fts (source, content) VALUES ('MEMORY.md', 'likes teal bikes')");
    const sandbox = { token: "tok", marker: "m", startedAt: 1, lastActivityAt: 2 };
    kv.put("sandbox-state", sandbox);

    expect(applySqlMigrations(storage, USER_AGENT_SCHEMA, USER_AGENT_MIGRATIONS)).toBe(
      USER_AGENT_MIGRATIONS.length,
    );

    const store = new AgentStore(sql);
    expect(store.pendingReplies().map((row) => row.text)).toEqual(["waiting reply"]);
    expect(store.loadHistory("s@1")).toEqual([{ role: "user", content: "hi" }]);
    const settings = new AgentSettings(sql);
    expect(settings.text("daily_token_limit")).toBe("5000");
    expect(browserStateStore(settings).load()).toEqual({ sessionId: "session-1" });
    expect(sandboxStateStore(settings).load()).toEqual(sandbox);
    expect(kv.get("sandbox-state")).toBeUndefined();
    const hits = sql.exec("SELECT source FROM memory_fts WHERE memory_fts MATCH 'teal'").toArray();
    expect(hits).toEqual([{ source: "MEMORY.md" }]);
  });

  it("give a new agent the same tables as an old one that migrated", () => {
    storage = createNodeDurableStorage();
    storage.sql.exec(UNVERSIONED_DDL);
    applySqlMigrations(storage, USER_AGENT_SCHEMA, USER_AGENT_MIGRATIONS);
    const fresh = createMigratedAgentStorage();
    const tables = (s: NodeDurableStorage) =>
      s.sql
        .exec<{ name: string; sql: string }>(
          "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'memory_fts_%' ORDER BY name",
        )
        .toArray()
        .map((row) => row.name);
    expect(tables(storage)).toEqual(tables(fresh));
    expect(readSchemaVersion(fresh.sql, USER_AGENT_SCHEMA)).toBe(USER_AGENT_MIGRATIONS.length);
    fresh.close();
  });

  it("read a stored value that no longer parses as missing", () => {
    storage = createMigratedAgentStorage();
    const settings = new AgentSettings(storage.sql);
    settings.setText("browser_state", "{not json");
    expect(browserStateStore(settings).load()).toBeUndefined();
    settings.setJson("sandbox_state", { token: 1 });
    expect(sandboxStateStore(settings).load()).toBeUndefined();
  });
});
