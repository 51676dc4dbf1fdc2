import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AgentSettings } from "../src/agent/agent-settings";
import { browserStateStore, sandboxStateStore } from "../src/agent/agent-state-stores";
import { AgentStore } from "../src/agent/agent-store";
import { USER_AGENT_MIGRATIONS, USER_AGENT_SCHEMA } from "../src/agent/user-agent-schema";
import {
  applySqlMigrations,
  migrationTargetOf,
  readSchemaVersion,
} from "../src/storage/sql-migrations";

describe("the agent's SQL schema in a Durable Object", () => {
  it("migrates an agent stored before versioning, keeping its replies and key/value state", async () => {
    const stub = env.UserAgent.get(env.UserAgent.idFromName(`migration-${crypto.randomUUID()}`));
    await runInDurableObject(stub, (_instance, state) => {
      const { sql } = state.storage;
      // Back to what the first releases left: no version row, an outbox without the
      // attachment column holding a waiting reply, the browser table, key/value entries.
      sql.exec("DROP TABLE schema_versions");
      sql.exec("ALTER TABLE outbox DROP COLUMN attachment_json");
      const address = { channel: "telegram" as const, chatId: "1" };
      sql.exec(
        `INSERT INTO outbox (inbox_id, channel, conversation_key, address_json, text, status, created_at)
         VALUES ('m1', 'telegram', 'telegram:1', ?, 'old reply', 'pending', 1)`,
        JSON.stringify(address),
      );
      sql.exec(`CREATE TABLE browser_state (
        id INTEGER PRIMARY KEY CHECK (id = 1), session_id TEXT NOT NULL, target_id TEXT,
        updated_at INTEGER NOT NULL)`);
      sql.exec("INSERT INTO browser_state VALUES (1, 's1', 'T1', 1)");
      const sandbox = { token: "t", marker: null, startedAt: 1, lastActivityAt: 2 };
      state.storage.kv.put("sandbox-state", sandbox);
      state.storage.kv.put("placeholder:m9", "1700000000.000100");

      const reached = applySqlMigrations(
        migrationTargetOf(state.storage),
        USER_AGENT_SCHEMA,
        USER_AGENT_MIGRATIONS,
      );

      expect(reached).toBe(USER_AGENT_MIGRATIONS.length);
      const store = new AgentStore(sql);
      const image = {
        key: "users/u/attachments/a.png",
        fileName: "a.png",
        contentType: "image/png",
      };
      store.enqueueReply("m2", "telegram:1", address, "caption", 2, image);
      expect(store.pendingReplies().map((row) => [row.text, row.attachment])).toEqual([
        ["old reply", undefined],
        ["caption", image],
      ]);
      const settings = new AgentSettings(sql);
      expect(browserStateStore(settings).load()).toEqual({ sessionId: "s1", targetId: "T1" });
      expect(sandboxStateStore(settings).load()).toEqual(sandbox);
      expect(settings.text("placeholder:m9")).toBe("1700000000.000100");
      expect(state.storage.kv.get("sandbox-state")).toBeUndefined();
      // Every wake-up runs the list again: nothing is left to do.
      applySqlMigrations(
        migrationTargetOf(state.storage),
        USER_AGENT_SCHEMA,
        USER_AGENT_MIGRATIONS,
      );
      expect(readSchemaVersion(sql, USER_AGENT_SCHEMA)).toBe(reached);
      expect(store.pendingReplies()).toHaveLength(2);
    });
  });

  it("remembers the browser session and tab", async () => {
    const stub = env.UserAgent.get(env.UserAgent.idFromName(`browser-${crypto.randomUUID()}`));
    await runInDurableObject(stub, (_instance, state) => {
      const browser = browserStateStore(new AgentSettings(state.storage.sql));
      expect(browser.load()).toBeUndefined();
      browser.save({ sessionId: "s1" });
      browser.save({ sessionId: "s1", targetId: "T1" });
      expect(browser.load()).toEqual({ sessionId: "s1", targetId: "T1" });
    });
  });
});
