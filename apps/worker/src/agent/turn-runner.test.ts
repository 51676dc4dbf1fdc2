import type { InboundMessage } from "@molt/contracts";
import type { LanguageModel } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import type { ModelChoice } from "../model/create-language-model";
import { createMigratedAgentStorage } from "../testing/migrated-agent-storage";
import type { NodeDurableStorage } from "../testing/node-sql-storage";
import { AgentSettings } from "./agent-settings";
import { AgentStore } from "./agent-store";
import type { PersonalToolSources } from "./turn-context";
import { placeholderKey, TurnRunner, type TurnRunnerOptions } from "./turn-runner";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

function answeringModel(text: string): LanguageModel {
  return new MockLanguageModelV4({
    doGenerate: async () => ({
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage,
      warnings: [],
    }),
  });
}

/** A model that thinks until the turn is aborted, and says when it started. */
function waitingModel() {
  let started = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const model = new MockLanguageModelV4({
    doGenerate: (options) =>
      new Promise((_resolve, reject) => {
        started();
        options.abortSignal?.addEventListener("abort", () => reject(options.abortSignal?.reason));
      }),
  });
  return { model, running };
}

function failingModel(): LanguageModel {
  return new MockLanguageModelV4({
    doGenerate: async () => {
      throw new Error("the provider is down");
    },
  });
}

function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    id: "telegram:update:1",
    channel: "telegram",
    identity: "telegram:42",
    conversationKey: "telegram:42",
    isGroup: false,
    address: { channel: "telegram", chatId: "42" },
    text: "hello",
    receivedAt: 1,
    ...overrides,
  };
}

describe("TurnRunner", () => {
  let storage: NodeDurableStorage;
  afterEach(() => storage.close());

  function setup(choice: ModelChoice, overrides: Partial<TurnRunnerOptions> = {}) {
    storage = createMigratedAgentStorage();
    const store = new AgentStore(storage.sql);
    const settings = new AgentSettings(storage.sql);
    const placeholders: string[] = [];
    let deliveries = 0;
    let capText: string | null = null;
    const runner = new TurnRunner({
      userId: "u1",
      store,
      settings,
      personal: {
        capReachedText: () => capText,
        sessionForTurn: async (inbound, now) => store.currentSession(inbound.conversationKey, now),
        // buildTools below is a stub, so the tool sources are never read.
        prepareTurn: async () => ({
          system: "",
          turnContext: "",
          toolSources: {} as PersonalToolSources,
        }),
      },
      chooseModel: () => choice,
      channel: () => ({
        startTyping: () => () => {},
        postPlaceholder: async (address) => {
          if (address.channel !== "slack") return undefined;
          placeholders.push(`ph-${placeholders.length + 1}`);
          return placeholders.at(-1);
        },
      }),
      sandbox: () => ({ beginTurn: () => {}, endTurn: async () => ({ interrupted: false }) }),
      buildTools: () => ({ tools: {} }),
      approvals: {
        gate: () => () => "not-applicable",
        resumeFrom: () => undefined,
        pause: async () => {},
        finish: () => {},
      },
      deliverPending: async () => {
        deliveries += 1;
      },
      ...overrides,
    });
    const receive = (inbound: InboundMessage) => {
      store.recordInbound(inbound, 1);
      return inbound;
    };
    const replies = (key = "telegram:42") => store.repliesAfter(key, 0);
    const status = (id: string) => store.getInbox(id)?.status;
    return {
      store,
      settings,
      runner,
      receive,
      replies,
      status,
      placeholders,
      deliveries: () => deliveries,
      capAt: (text: string) => {
        capText = text;
      },
    };
  }

  const ok = (model: LanguageModel): ModelChoice => ({ ok: true, model, label: "test/model" });

  it("answers into the outbox, keeps the exchange in history and counts the tokens", async () => {
    const { runner, receive, replies, status, store, deliveries } = setup(
      ok(answeringModel("hi!")),
    );
    await runner.run(receive(message()));
    expect(replies().map((row) => row.text)).toEqual(["hi!"]);
    expect(status("telegram:update:1")).toBe("done");
    const session = store.currentSession("telegram:42", 2);
    expect(store.loadHistory(session).map((entry) => entry.role)).toEqual(["user", "assistant"]);
    expect(store.usageToday(Date.now()).inputTokens).toBe(10);
    expect(deliveries()).toBeGreaterThan(0);
  });

  it("keeps the message for /retry and says why when the model fails", async () => {
    const { runner, receive, replies, status } = setup(ok(failingModel()));
    await runner.run(receive(message()));
    expect(status("telegram:update:1")).toBe("failed");
    expect(replies()[0]?.text).toContain("/retry");
  });

  it("explains an unusable model configuration without calling anything", async () => {
    const { runner, receive, replies, status } = setup({
      ok: false,
      names: ["MODEL"],
      message: 'MODEL "x": unknown provider',
    });
    await runner.run(receive(message()));
    expect(status("telegram:update:1")).toBe("failed");
    expect(replies()[0]?.text).toContain("unknown provider");
  });

  it("refuses politely at the daily cap, and skips a capped heartbeat silently", async () => {
    const { runner, receive, replies, status, capAt } = setup(ok(answeringModel("never")));
    capAt("I've used today's token budget.");
    await runner.run(receive(message()));
    await runner.run(receive(message({ id: "heartbeat:5" })));
    expect(replies().map((row) => row.text)).toEqual(["I've used today's token budget."]);
    expect(status("telegram:update:1")).toBe("failed");
    expect(status("heartbeat:5")).toBe("done");
  });

  it("stops a running turn on request and replaces its placeholder", async () => {
    const { model, running } = waitingModel();
    const { runner, receive, replies, status, placeholders } = setup(ok(model));
    const slack = message({
      id: "slack:event:1",
      channel: "slack",
      conversationKey: "slack:T1:D1",
      address: { channel: "slack", chatId: "D1", teamId: "T1" },
    });
    const turn = runner.run(receive(slack));
    await running;
    expect(runner.stop("slack:T1:D1")).toBe(true);
    await turn;
    expect(status("slack:event:1")).toBe("stopped");
    expect(replies("slack:T1:D1").map((row) => [row.text, row.address.replaceMessageId])).toEqual([
      ["(Stopped.)", placeholders[0]],
    ]);
    expect(runner.stop("slack:T1:D1")).toBe(false);
  });

  it("reuses the placeholder of a turn that died, so the answer is still one message", async () => {
    const { runner, receive, replies, settings, placeholders } = setup(ok(answeringModel("done")));
    const slack = message({
      id: "slack:event:2",
      channel: "slack",
      conversationKey: "slack:T1:D1",
      address: { channel: "slack", chatId: "D1", teamId: "T1" },
    });
    settings.setText(placeholderKey(slack.id), "posted-before-crash");
    await runner.run(receive(slack));
    expect(placeholders).toEqual([]);
    expect(replies("slack:T1:D1")[0]?.address.replaceMessageId).toBe("posted-before-crash");
    // The placeholder is forgotten once its turn is over.
    expect(settings.text(placeholderKey(slack.id))).toBeNull();
  });

  it("queues the turn's images before the words that talk about them", async () => {
    const { runner, receive, replies } = setup(ok(answeringModel("here it is")), {
      buildTools: ({ attachments }) => {
        attachments.push({
          key: "users/u1/attachments/a.png",
          fileName: "a.png",
          contentType: "image/png",
          caption: "the page",
        });
        return { tools: {} };
      },
    });
    await runner.run(receive(message()));
    expect(replies().map((row) => [row.text, row.attachment?.fileName])).toEqual([
      ["the page", "a.png"],
      ["here it is", undefined],
    ]);
  });
});
