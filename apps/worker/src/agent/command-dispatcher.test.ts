import {
  COMMANDS,
  type CommandName,
  type InboundMessage,
  type McpServerSummary,
} from "@molt/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { workerEnvSchema } from "../config/worker-config";
import type { ModelChoice } from "../model/create-language-model";
import { createMigratedAgentStorage } from "../testing/migrated-agent-storage";
import type { NodeDurableStorage } from "../testing/node-sql-storage";
import { voiceCommandReply, wantsVoiceReplies } from "../voice/voice-preference";
import { AgentSettings } from "./agent-settings";
import { AgentStore } from "./agent-store";
import { CommandDispatcher } from "./command-dispatcher";
import { COMMAND_HANDLERS } from "./command-registry";
import { describePersonModel, pickModel } from "./person-model";

/** The operator's settings these tests run with: a default and one more model on offer. */
const values = workerEnvSchema.parse({
  MODEL: "openai/gpt-default",
  MODELS: "openai/gpt-default, anthropic/claude-other",
  MODEL_FALLBACKS: "openai-compatible/backup",
});

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

  function setup(options: { allowUserServers?: boolean } = {}) {
    storage = createMigratedAgentStorage();
    const store = new AgentStore(storage.sql);
    const settings = new AgentSettings(storage.sql);
    const queued: string[] = [];
    const newSessions: string[] = [];
    const mcpServers = new Map<string, McpServerSummary>();
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
      models: {
        describe: () => describePersonModel(settings, values),
        pick: (name) => pickModel(settings, values, name),
      },
      queueInbox: async (inboxId) => {
        queued.push(inboxId);
      },
      voice: (args) => voiceCommandReply(settings, args, false),
      mcp: {
        allowUserServers: options.allowUserServers ?? false,
        list: async () => [...mcpServers.values()],
        add: async (url, name, addedBy) => {
          const server: McpServerSummary = {
            name,
            url,
            scope: "person",
            state: "ready",
            error: null,
            authUrl: null,
            tools: [{ name: `mcp_${name}_echo`, serverTool: "echo", description: "echo" }],
            addedBy,
            addedAt: 1,
          };
          mcpServers.set(name, server);
          return { ok: true, server };
        },
        remove: async (name) => mcpServers.delete(name),
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
    return { store, settings, run, queued, newSessions };
  }

  it("refuses /mcp add when the operator does not allow people's own servers", async () => {
    const { run } = setup({ allowUserServers: false });
    const added = await run("mcp", {
      command: { name: "mcp", args: "add https://docs.example.com/mcp" },
    });
    expect(added.reply).toContain("turned off");
    expect(added.reply).toContain("MCP_ALLOW_USER_SERVERS");
    const listed = await run("mcp");
    expect(listed.reply).toContain("No MCP servers yet");
  });

  it("adds, lists and removes the person's own MCP server with /mcp", async () => {
    const { run } = setup({ allowUserServers: true });
    const added = await run("mcp", {
      command: { name: "mcp", args: "add https://docs.example.com/mcp" },
    });
    expect(added.reply).toBe('Added "docs" (ready). 1 tool(s): mcp_docs_echo.');
    const listed = await run("mcp", { command: { name: "mcp", args: "list" } });
    expect(listed.reply).toContain("• docs (yours): ready, 1 tool(s): mcp_docs_echo");
    const removed = await run("mcp", { command: { name: "mcp", args: "remove docs" } });
    expect(removed.reply).toBe('Removed the MCP server "docs".');
    const again = await run("mcp", { command: { name: "mcp", args: "remove docs" } });
    expect(again.reply).toContain("no MCP server of your own");
  });

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

  it("turns the person's voice notes off and on with /voice", async () => {
    const { run, settings } = setup();
    expect(wantsVoiceReplies(settings)).toBe(true);
    const off = await run("voice", { command: { name: "voice", args: "off" } });
    expect(off.reply).toBe("I answer your voice messages in text only.");
    expect(wantsVoiceReplies(settings)).toBe(false);
    const on = await run("voice", { command: { name: "voice", args: "ON" } });
    expect(on.reply).toContain("with a voice note");
    expect(wantsVoiceReplies(settings)).toBe(true);
    const odd = await run("voice", { command: { name: "voice", args: "loud" } });
    expect(odd.reply).toBe("Use /voice on or /voice off.");
    expect(wantsVoiceReplies(settings)).toBe(true);
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

  it("lists the models on /model, marking the person's own and the default", async () => {
    const { run } = setup();
    const { reply } = await run("model");
    expect(reply).toContain("Your model: openai/gpt-default");
    expect(reply).toContain("• openai/gpt-default (yours, default)");
    expect(reply).toContain("• anthropic/claude-other");
    expect(reply).not.toContain("openai-compatible/backup");
  });

  it("switches the person's model on /model <name>, and back with /model default", async () => {
    const { run, settings } = setup();
    const switched = await run("model", {
      command: { name: "model", args: "anthropic/claude-other" },
    });
    expect(switched.reply).toBe("Your model is now anthropic/claude-other.");
    expect(describePersonModel(settings, values).current).toBe("anthropic/claude-other");
    expect((await run("model")).reply).toContain("• anthropic/claude-other (yours)");

    const back = await run("model", { command: { name: "model", args: "default" } });
    expect(back.reply).toBe("Your model is now openai/gpt-default.");
    expect(describePersonModel(settings, values).pick).toBeNull();
  });

  it("refuses a model that is not on offer and lists the ones that are", async () => {
    const { run, settings } = setup();
    const { reply } = await run("model", {
      command: { name: "model", args: "openai-compatible/backup" },
    });
    expect(reply).toContain("openai-compatible/backup is not one of the models on offer");
    expect(reply).toContain("• anthropic/claude-other");
    expect(describePersonModel(settings, values).current).toBe("openai/gpt-default");
  });
});
