import { afterEach, describe, expect, it } from "vitest";
import { AgentStore } from "../agent/agent-store";
import { USER_AGENT_MIGRATIONS, USER_AGENT_SCHEMA } from "../agent/user-agent-schema";
import { applySqlMigrations, readSchemaVersion } from "../storage/sql-migrations";
import { createMigratedAgentStorage } from "../testing/migrated-agent-storage";
import { createNodeDurableStorage, type NodeDurableStorage } from "../testing/node-sql-storage";
import { ApprovalStore } from "./approval-store";

const address = { channel: "telegram" as const, chatId: "42" };

function request(approvalId: string, inboxId = "m1") {
  return {
    approvalId,
    inboxId,
    conversationKey: "telegram:42",
    sessionId: "s1",
    toolName: "shell",
    summary: "ls",
    reason: null,
    createdAt: 1,
    expiresAt: 2,
  };
}

describe("ApprovalStore", () => {
  let storage: NodeDurableStorage;
  afterEach(() => storage.close());

  it("settles a question once: a second answer changes nothing", () => {
    storage = createMigratedAgentStorage();
    const approvals = new ApprovalStore(storage.sql);
    approvals.addRequest(request("a1"));
    expect(approvals.settle("a1", "denied", "telegram:42", 5)).toBe(true);
    expect(approvals.settle("a1", "allowed_once", "telegram:42", 6)).toBe(false);
    expect(approvals.get("a1")).toMatchObject({ status: "denied", decidedBy: "telegram:42" });
  });

  it("keeps a paused turn's messages, and what was allowed per session only", () => {
    storage = createMigratedAgentStorage();
    const approvals = new ApprovalStore(storage.sql);
    const messages = [{ role: "user" as const, content: "read this page" }];
    approvals.pauseTurn({ inboxId: "m1", sessionId: "s1", messages }, 1);
    expect(approvals.pausedTurn("m1")).toEqual({ inboxId: "m1", sessionId: "s1", messages });
    approvals.finishPausedTurn("m1");
    expect(approvals.pausedTurn("m1")).toBeUndefined();
    approvals.allowForSession("s1", "shell", 1);
    expect(approvals.isAllowedForSession("s1", "shell")).toBe(true);
    expect(approvals.isAllowedForSession("s2", "shell")).toBe(false);
    expect(approvals.isAllowedForSession("s1", "write_file")).toBe(false);
  });
});

describe("migration 3", () => {
  let storage: NodeDurableStorage;
  afterEach(() => storage.close());

  it("takes an agent at version 2 with a waiting reply to the approval tables, reply kept", () => {
    storage = createNodeDurableStorage();
    applySqlMigrations(storage, USER_AGENT_SCHEMA, USER_AGENT_MIGRATIONS.slice(0, 2));
    const store = new AgentStore(storage.sql);
    store.enqueueReply("m1", "telegram:42", address, "waiting reply", 1);

    applySqlMigrations(storage, USER_AGENT_SCHEMA, USER_AGENT_MIGRATIONS);

    expect(readSchemaVersion(storage.sql, USER_AGENT_SCHEMA)).toBe(USER_AGENT_MIGRATIONS.length);
    const [reply] = store.pendingReplies();
    expect(reply?.text).toBe("waiting reply");
    expect(reply?.approvalId).toBeUndefined();
    store.enqueueApprovalQuestion("m2", "telegram:42", address, "Allow?", "a1", 2);
    expect(store.pendingReplies().at(-1)).toMatchObject({ text: "Allow?", approvalId: "a1" });
    new ApprovalStore(storage.sql).addRequest(request("a1", "m2"));
  });
});
