import type { SqlMigration } from "../storage/sql-migrations";
import { tableColumns, tableExists } from "../storage/sql-migrations";

/** The `schema_versions` row of one person's agent (the UserAgent Durable Object). */
export const USER_AGENT_SCHEMA = "UserAgent";

/**
 * Every table of one person's agent, and which store alone writes it:
 *
 * | table                                    | owner          |
 * | ---------------------------------------- | -------------- |
 * | inbox, outbox, sessions, history, usage_daily | AgentStore |
 * | memory_fts, memory_docs, session_records | MemoryIndex    |
 * | reminders                                | ReminderStore  |
 * | agent_settings (the one key/value place) | AgentSettings  |
 * | workspace_file_cache, workspace_list_cache | CachedWorkspaceStore |
 * | approvals, paused_turns, approval_allowances | ApprovalStore |
 * | mcp_server_owners                        | McpServerBook  |
 *
 * The agents SDK keeps its own `cf_agents_*` tables beside these.
 */
export const USER_AGENT_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    // Idempotent over databases made before versioning: every statement is IF NOT EXISTS,
    // and the outbox column added after the first release is probed before it is added.
    description: "the tables as first released, with the outbox's attachment column",
    apply: ({ sql }) => {
      sql.exec(`
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
        CREATE TABLE IF NOT EXISTS agent_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE VIRTUAL TABLE IF NOT EXISTS memory_fts USING fts5(source UNINDEXED, content);
        CREATE TABLE IF NOT EXISTS memory_docs (source TEXT PRIMARY KEY, stamp TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS session_records (
          session_id TEXT PRIMARY KEY, conversation_key TEXT NOT NULL, summary TEXT NOT NULL,
          updated_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS reminders (
          id TEXT PRIMARY KEY, action TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
          cron TEXT, time_zone TEXT NOT NULL, next_run_at INTEGER NOT NULL, origin_json TEXT NOT NULL,
          schedule_id TEXT, created_at INTEGER NOT NULL);
      `);
      if (!tableColumns(sql, "outbox").includes("attachment_json")) {
        sql.exec("ALTER TABLE outbox ADD COLUMN attachment_json TEXT");
      }
    },
  },
  {
    version: 2,
    description:
      "one key/value place: the browser_state row and the Durable Object's key/value entries move into agent_settings",
    apply: ({ sql, kv }) => {
      if (tableExists(sql, "browser_state")) {
        const row = sql
          .exec<{ session_id: string; target_id: string | null }>(
            "SELECT session_id, target_id FROM browser_state WHERE id = 1",
          )
          .toArray()[0];
        if (row) {
          const state = {
            sessionId: row.session_id,
            ...(row.target_id ? { targetId: row.target_id } : {}),
          };
          moveSetting(sql, "browser_state", JSON.stringify(state));
        }
        sql.exec("DROP TABLE browser_state");
      }
      const sandboxState = kv.get("sandbox-state");
      if (sandboxState !== undefined) {
        moveSetting(sql, "sandbox_state", JSON.stringify(sandboxState));
        kv.delete("sandbox-state");
      }
      // A turn that was running during the deploy keeps the placeholder it already posted.
      for (const [key, value] of [...kv.list({ prefix: "placeholder:" })]) {
        if (typeof value === "string") moveSetting(sql, key, value);
        kv.delete(key);
      }
    },
  },
  {
    version: 3,
    description:
      "cached input tokens per day, and the workspace files the prompt needs kept in the agent's own storage",
    apply: ({ sql }) => {
      if (!tableColumns(sql, "usage_daily").includes("cached_input_tokens")) {
        sql.exec(
          "ALTER TABLE usage_daily ADD COLUMN cached_input_tokens INTEGER NOT NULL DEFAULT 0",
        );
      }
      sql.exec(`
        CREATE TABLE IF NOT EXISTS workspace_file_cache (
          path TEXT PRIMARY KEY, content TEXT, cached_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS workspace_list_cache (
          prefix TEXT PRIMARY KEY, entries_json TEXT NOT NULL, cached_at INTEGER NOT NULL);
      `);
    },
  },
  {
    version: 4,
    description:
      "tool-call approvals: the questions, the turns paused on them, the tools allowed for a session, and the outbox's approval column",
    apply: ({ sql }) => {
      sql.exec(`
        CREATE TABLE IF NOT EXISTS approvals (
          approval_id TEXT PRIMARY KEY, inbox_id TEXT NOT NULL, conversation_key TEXT NOT NULL,
          session_id TEXT NOT NULL, tool_name TEXT NOT NULL, summary TEXT NOT NULL, reason TEXT,
          status TEXT NOT NULL, decided_by TEXT, created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL, decided_at INTEGER, schedule_id TEXT);
        CREATE INDEX IF NOT EXISTS approvals_by_inbox ON approvals (inbox_id);
        CREATE TABLE IF NOT EXISTS paused_turns (
          inbox_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, messages_json TEXT NOT NULL,
          created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS approval_allowances (
          session_id TEXT NOT NULL, tool_name TEXT NOT NULL, created_at INTEGER NOT NULL,
          PRIMARY KEY (session_id, tool_name));
      `);
      // Idempotent like the others, so a database whose version row was lost migrates again.
      if (!tableColumns(sql, "outbox").includes("approval_id")) {
        sql.exec("ALTER TABLE outbox ADD COLUMN approval_id TEXT");
      }
    },
  },
  {
    version: 5,
    // The agents SDK keeps the servers, their connection options and OAuth tokens in its own
    // cf_agents_mcp_servers table and storage; this keeps only what it does not: who a server
    // is for, who added it, and the name people use for it.
    description: "MCP servers: the name, scope and who added each server the agents SDK connects",
    apply: ({ sql }) => {
      sql.exec(`
        CREATE TABLE IF NOT EXISTS mcp_server_owners (
          server_id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, url TEXT NOT NULL,
          scope TEXT NOT NULL, added_by TEXT NOT NULL, added_at INTEGER NOT NULL);
      `);
    },
  },
];

function moveSetting(sql: SqlStorage, key: string, value: string): void {
  sql.exec("INSERT OR IGNORE INTO agent_settings (key, value) VALUES (?, ?)", key, value);
}
