import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AgentStore } from "../src/agent/agent-store";

describe("the agent's SQL schema", () => {
  it("adds the attachment column to an outbox created before it, keeping its rows", async () => {
    const stub = env.UserAgent.get(env.UserAgent.idFromName(`migration-${crypto.randomUUID()}`));
    await runInDurableObject(stub, (_instance, state) => {
      const { sql } = state.storage;
      new AgentStore(sql);
      // Back to the first release's outbox, with a reply still waiting in it.
      sql.exec("ALTER TABLE outbox DROP COLUMN attachment_json");
      const address = { channel: "telegram" as const, chatId: "1" };
      sql.exec(
        `INSERT INTO outbox (inbox_id, channel, conversation_key, address_json, text, status, created_at)
         VALUES ('m1', 'telegram', 'telegram:1', ?, 'old reply', 'pending', 1)`,
        JSON.stringify(address),
      );

      const store = new AgentStore(sql);
      const image = {
        key: "users/u/attachments/a.png",
        fileName: "a.png",
        contentType: "image/png",
      };
      store.enqueueReply("m2", "telegram:1", address, "caption", 2, image);
      const pending = store.pendingReplies();
      expect(pending.map((row) => [row.text, row.attachment])).toEqual([
        ["old reply", undefined],
        ["caption", image],
      ]);
      // Constructing again (every wake-up does) changes nothing.
      expect(new AgentStore(sql).pendingReplies()).toHaveLength(2);
    });
  });

  it("remembers the browser session and tab", async () => {
    const stub = env.UserAgent.get(env.UserAgent.idFromName(`browser-${crypto.randomUUID()}`));
    await runInDurableObject(stub, (_instance, state) => {
      const store = new AgentStore(state.storage.sql);
      expect(store.loadBrowserState()).toBeUndefined();
      store.saveBrowserState({ sessionId: "s1" }, 1);
      store.saveBrowserState({ sessionId: "s1", targetId: "T1" }, 2);
      expect(store.loadBrowserState()).toEqual({ sessionId: "s1", targetId: "T1" });
    });
  });
});
