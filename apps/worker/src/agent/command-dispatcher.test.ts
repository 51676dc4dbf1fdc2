import { COMMANDS, type CommandName, type InboundMessage } from "@molt/contracts";
import { afterEach, describe, expect, it } from "vitest";
import type { ModelChoice } from "../model/create-language-model";
import { createMigratedAgentStorage } from "../testing/migrated-agent-storage";
import type { NodeDurableStorage } from "../testing/node-sql-storage";
import { AgentStore } from "./agent-store";
import { CommandDispatcher } from "./command-dispatcher";
import { COMMAND_HANDLERS } from "./command-registry";

const unusableModel: ModelChoice = { ok: false, names: ["MODEL"], message: "MODEL is unset" };

function command(
  name: CommandName,
  id: string,
  overrides: Partial<InboundMessage> = {},
): InboundMessage {
  return {
    id,
    channel: "telegram",
    identity: "telegram:42",
    senderName: "Ana",
    conversationKey: "telegram:42",
    isGroup: false,
    address: { channel: "telegram", chatId: "42" },
    text: `/${name}`,
    command: { name, args: "" },
    receivedAt: 1,
    ...overrides,
  };
}

describe("CommandDispatcher", () => {
  let storage: NodeDurableStorage | undefined;
  afterEach(() => {
    storage?.close();
    storage = undefined;
  });

  function setup() {
    storage = createMigratedAgentStorage();
    const store = new AgentStore(storage.sql);
    const queued: string[] = [];
    const newSessions: string[] = [];
    const dispatcher = new CommandDispatcher("u1", {
      store,
      personal: {
        startNewSession: (key, now) => {
          newSessions.push(key);
          return store.startSession(key, now);
        },
        compact: async () => 0,
        dailyLimit: () => 1000,
        reminders: { listText: () => "No reminders here." } as never,
      },
      chooseModel: () => unusableModel,
      queueInbox: async (inboxId) => {
        queued.push(inboxId);
      },
    });
    let seq = 0;
    const run = async (
      name: CommandName,
      overrides: Partial<InboundMessage> = {},
      stop = false,
    ) => {
      seq += 1;
      const message = command(name, `cmd-${seq}`, overrides);
      store.recordInbound(message, 1);
      await dispatcher.dispatch(message, { stoppedRunning: stop });
      const replies = store.repliesAfter(message.conversationKey, 0);
      return {
        reply: replies.filter((row) => row.inboxId === message.id).at(-1)?.text,
        status: store.getInbox(message.id)?.status,
      };
    };
    return { store, run, queued, newSessions };
  }

  it("has a handler for every command of the catalog", () => {
    expect(Object.keys(COMMAND_HANDLERS).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it("answers help with the commands of the channel it came from", async () => {
    const { run } = setup();
    const telegram = await run("help");
    const slack = await run("help", {
      channel: "slack",
      conversationKey: "slack:T1:D1",
      address: { channel: "slack", chatId: "D1", teamId: "T1" },
    });
    expect(telegram.reply).toContain("/new: start a fresh session");
    expect(telegram.reply).not.toContain("/start");
    expect(slack.reply).toContain("/agent reminders:");
    expect(telegram.status).toBe("done");
  });

  it("greets on /start with the person's name and the command list", async () => {
    const { run } = setup();
    const { reply } = await run("start");
    expect(reply).toContain("Hi Ana!");
    expect(reply).toContain("/retry");
  });

  it("starts a fresh session on /new", async () => {
    const { run, newSessions } = setup();
    const { reply } = await run("new");
    expect(newSessions).toEqual(["telegram:42"]);
    expect(reply).toContain("fresh session");
  });

  it("reports the model, session and today's usage on /status", async () => {
    const { run } = setup();
    const { reply } = await run("status");
    expect(reply).toContain("not usable (MODEL is unset)");
    expect(reply).toContain("Daily token cap: 1000");
  });

  it("says whether /stop stopped anything", async () => {
    const { run } = setup();
    expect((await run("stop", {}, true)).reply).toBe("Stopped.");
    expect((await run("stop", {}, false)).reply).toContain("Nothing to stop");
  });

  it("queues the latest failed message again on /retry, and says so when there is none", async () => {
    const { store, run, queued } = setup();
    expect((await run("retry")).reply).toContain("Nothing to retry");
    const failed = command("help", "failed-1", { command: undefined, text: "hi" });
    store.recordInbound(failed, 1);
    store.setInboxStatus(failed.id, "failed", 2, "model down");
    const retried = await run("retry");
    expect(retried.reply).toBeUndefined();
    expect(queued).toEqual(["failed-1"]);
    expect(store.getInbox("failed-1")?.status).toBe("queued");
  });

  it("explains that /compact needs a model", async () => {
    const { run } = setup();
    expect((await run("compact")).reply).toContain("can't summarize without a model");
  });
});
