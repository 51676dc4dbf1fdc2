import { env, runInDurableObject } from "cloudflare:test";
import { createDevModel } from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { AgentStore } from "../src/agent/agent-store";
import { Personalization } from "../src/agent/personalization";
import { R2WorkspaceStore } from "../src/workspace/r2-workspace-store";
import { fakeTelegram, resetFakes } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

const TWO_DAYS_MS = 2 * 86_400_000;

describe("the daily session reset", () => {
  it("starts a fresh session after the reset hour and keeps the old one searchable", async () => {
    const person = newAllowedPersonId();
    const response = await postTelegramUpdate(
      privateTextUpdate(person, "reset-1: my bike is teal-3030"),
    );
    const { userId } = (await response.json()) as { userId: string };
    await fakeTelegram.waitForMessages(person, 1);

    const stub = env.UserAgent.get(env.UserAgent.idFromName(userId));
    await runInDurableObject(stub, async (_instance, state) => {
      const sql = state.storage.sql;
      const store = new AgentStore(sql);
      const personal = new Personalization({
        env: { ...env, SESSION_RESET_HOUR: "4" } as Env,
        userId,
        workspace: new R2WorkspaceStore(env.WORKSPACES, userId),
        sql,
        store,
        historyBudgetTokens: 24_000,
        scheduleReminder: async () => "unused",
        cancelSchedule: async () => false,
        queueInbox: async () => {},
        deliverPending: async () => {},
      });
      const row = sql
        .exec<{ conversation_key: string; session_id: string }>(
          "SELECT conversation_key, session_id FROM sessions WHERE conversation_key LIKE ?",
          `%${person}%`,
        )
        .one();
      const message = { conversationKey: row.conversation_key } as InboundMessage;
      // Unchanged while the session began after the last 04:00.
      expect(await personal.sessionForTurn(message, Date.now(), createDevModel())).toBe(
        row.session_id,
      );
      sql.exec(
        "UPDATE sessions SET started_at = ? WHERE conversation_key = ?",
        Date.now() - TWO_DAYS_MS,
        row.conversation_key,
      );
      const fresh = await personal.sessionForTurn(message, Date.now(), createDevModel());
      expect(fresh).not.toBe(row.session_id);
      expect(store.countHistory(fresh)).toBe(0);
      const hits = await personal.index.search("teal-3030", 5);
      expect(hits.map((hit) => hit.source)).toContain(`session:${row.session_id}`);
    });
  });
});
