import { afterEach, describe, expect, it, vi } from "vitest";
import { buildOfferedTurnTools } from "../src/agent/offered-turn-tools";
import { TOOL_GROUPS } from "../src/agent/tool-groups";
import { ToolsetActivation } from "../src/agent/toolset-activation";
import type { ToolsetName } from "../src/agent/toolsets";
import { buildTurnTools } from "../src/agent/turn-tools";
import { CONVERSATION_MESSAGES, turnContextForTest } from "./support/turn-context";

const TIME = ["current_time"];
const MEMORY = ["remember", "search_memory", "forget", "set_timezone"];
const SKILLS = ["use_skill", "search_skills"];
const REMINDERS = ["set_reminder", "list_reminders", "cancel_reminder"];
const WEB = ["web_fetch", "web_search"];
const BROWSER = [
  "browser_open",
  "browser_read",
  "browser_click",
  "browser_type",
  "browser_screenshot",
];
const COMPUTER = [
  "shell",
  "read_file",
  "write_file",
  "edit_file",
  "list_files",
  "search_files",
  "start_process",
  "list_processes",
  "process_logs",
  "stop_process",
];
const FILES = ["read_file", "write_file", "edit_file", "list_files", "search_files"];
const SEND = ["send_file"];
const PRIVATE = [
  ...TIME,
  ...MEMORY,
  ...SKILLS,
  ...REMINDERS,
  ...WEB,
  ...BROWSER,
  ...COMPUTER,
  ...SEND,
];
/** The web chat has no file view, so nothing to send a file to. */
const WEB_CHAT = PRIVATE.filter((name) => !SEND.includes(name));
/** A group gets no memory, and of the computer only the file tools (which refuse the memory files). */
const SHARED = [...TIME, ...SKILLS, ...REMINDERS, ...WEB, ...BROWSER, ...FILES, ...SEND];

const USE_TOOLS = ["use_tools"];
/** What a plain turn shows the model: memory (private only), time, reminders, and use_tools. */
const PRIVATE_CORE = [...TIME, ...MEMORY, ...REMINDERS, ...USE_TOOLS];
const SHARED_CORE = [...TIME, ...REMINDERS, ...USE_TOOLS];

type Kind = keyof typeof CONVERSATION_MESSAGES;

/** A turn's tools offered by need, over toolsets kept in memory, starting with `on`. */
function offeredTools(kind: Kind, on: ToolsetName[] = [], text?: string) {
  const message = CONVERSATION_MESSAGES[kind]();
  if (text !== undefined) message.text = text;
  const { context } = turnContextForTest(message);
  let saved: ToolsetName[] = on;
  const activation = new ToolsetActivation({
    store: { load: () => saved, save: (toolsets) => (saved = toolsets) },
    userId: context.userId,
    conversationKey: message.conversationKey,
  });
  const { tools, offer } = buildOfferedTurnTools(context, activation);
  const offered = () => Object.keys(tools).filter((name) => offer?.isOffered(name) ?? true);
  return { tools, offered, saved: () => saved };
}

function toolNames(kind: Kind, settings: Partial<Record<keyof Env, string>> = {}): string[] {
  const { context } = turnContextForTest(CONVERSATION_MESSAGES[kind](), settings);
  return Object.keys(buildTurnTools(context));
}

afterEach(() => vi.restoreAllMocks());

describe("the tools each kind of conversation gets", () => {
  it.each<[Kind, string[]]>([
    ["Telegram private chat", PRIVATE],
    ["web chat", WEB_CHAT],
    ["Telegram group", SHARED],
    ["Slack channel thread", SHARED],
  ])("%s", (kind, expected) => {
    expect(toolNames(kind)).toEqual(expected);
  });

  it.each<[Kind, string[], string[]]>([
    ["Telegram private chat", PRIVATE_CORE, PRIVATE],
    ["web chat", PRIVATE_CORE, WEB_CHAT],
    ["Telegram group", SHARED_CORE, SHARED],
    ["Slack channel thread", SHARED_CORE, SHARED],
  ])("%s: the core on a plain turn, everything once every toolset is on", (kind, core, all) => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const plain = offeredTools(kind, [], "hello");
    expect(plain.offered()).toEqual(core);
    // Every tool the conversation may use can still run: only the offer is smaller.
    expect(Object.keys(plain.tools)).toEqual([...all, ...USE_TOOLS]);
    const everything = offeredTools(kind, ["web", "browser", "computer", "skills"], "hello");
    expect(everything.offered()).toEqual([...all, ...USE_TOOLS]);
  });

  it("adds read_received_file, after web_fetch, only to a turn that carries a document", () => {
    const message = {
      ...CONVERSATION_MESSAGES["Telegram private chat"](),
      attachments: [
        {
          kind: "document" as const,
          source: { channel: "telegram" as const, fileId: "doc" },
          fileName: "report.pdf",
        },
      ],
    };
    const names = Object.keys(buildTurnTools(turnContextForTest(message).context));
    expect(names).toEqual([
      ...PRIVATE.slice(0, PRIVATE.indexOf("web_fetch") + 1),
      "read_received_file",
      ...PRIVATE.slice(PRIVATE.indexOf("web_fetch") + 1),
    ]);
  });

  it("leaves web_search out when no Brave Search key is configured", () => {
    const names = toolNames("Telegram private chat", { BRAVE_SEARCH_API_KEY: "" });
    expect(names).toEqual(PRIVATE.filter((name) => name !== "web_search"));
  });

  it("declares what every tool brings in and does, for the approval policy", () => {
    const declared = new Map(TOOL_GROUPS.flatMap((group) => Object.entries(group.risks)));
    for (const kind of Object.keys(CONVERSATION_MESSAGES) as Kind[]) {
      for (const name of toolNames(kind)) expect(declared.has(name), name).toBe(true);
    }
    const untrusted = [...declared].filter(([, risk]) => risk.bringsUntrusted).map(([n]) => n);
    expect(untrusted).toEqual(["web_fetch", "read_received_file", "web_search", ...BROWSER]);
    const acting = [...declared].filter(([, risk]) => risk.acts).map(([name]) => name);
    expect(acting).toEqual([
      "remember",
      "forget",
      "set_reminder",
      "cancel_reminder",
      "web_fetch",
      "web_search",
      "browser_open",
      "browser_click",
      "browser_type",
      "shell",
      "write_file",
      "edit_file",
      "start_process",
      "stop_process",
      "send_file",
    ]);
  });

  it("refuses two groups that offer a tool of the same name", () => {
    const { context } = turnContextForTest(CONVERSATION_MESSAGES["web chat"]());
    const time = TOOL_GROUPS.find((group) => group.name === "time");
    if (!time) throw new Error("no time group");
    expect(() => buildTurnTools(context, [time, { ...time, name: "clock" }])).toThrow(
      "Two tool groups offer a tool named current_time.",
    );
  });
});

describe("toolsets turned on by need", () => {
  const callOptions = { toolCallId: "call-1", messages: [], context: {} };

  it("use_tools lists the toolsets of the conversation and turns them on for the session", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const turn = offeredTools("Telegram private chat", [], "hello");
    const description = String(turn.tools.use_tools?.description);
    for (const name of ["web:", "browser:", "computer:", "skills:"]) {
      expect(description).toContain(name);
    }
    const answer = await turn.tools.use_tools?.execute?.({ toolsets: ["computer"] }, callOptions);
    expect(answer).toEqual({ on: ["computer"], tools: [...COMPUTER, ...SEND] });
    expect(turn.offered()).toEqual([
      ...PRIVATE_CORE.slice(0, -1),
      ...COMPUTER,
      ...SEND,
      ...USE_TOOLS,
    ]);
    expect(turn.saved()).toEqual(["computer"]);
    expect(await turn.tools.use_tools?.execute?.({ toolsets: ["mcp"] }, callOptions)).toMatchObject(
      { error: expect.stringContaining("No toolset mcp") },
    );
  });

  it("turns a toolset on when the model calls one of its tools without asking", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const turn = offeredTools("Telegram group", [], "hello");
    expect(turn.offered()).not.toContain("use_skill");
    const result = await turn.tools.use_skill?.execute?.({ name: "nothing" }, callOptions);
    expect(result).toMatchObject({ error: expect.stringContaining('No skill "nothing"') });
    expect(turn.offered()).toEqual([...TIME, ...SKILLS, ...REMINDERS, ...USE_TOOLS]);
  });

  it("turns the web tools on for a message with a web address, and nothing for plain words", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const linked = offeredTools("web chat", [], "what does https://example.com/a say?");
    expect(linked.offered()).toEqual([...TIME, ...MEMORY, ...REMINDERS, ...WEB, ...USE_TOOLS]);
    expect(offeredTools("web chat", [], "see www.example.org").saved()).toEqual(["web"]);
    expect(offeredTools("web chat", [], "run the tests on the server").saved()).toEqual([]);
  });

  it("never offers a group the shell, even when the model asks for the computer", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const turn = offeredTools("Slack channel thread", [], "hello");
    const answer = await turn.tools.use_tools?.execute?.({ toolsets: ["computer"] }, callOptions);
    expect(answer).toEqual({ on: ["computer"], tools: [...FILES, ...SEND] });
    expect(turn.offered()).not.toContain("shell");
    expect(turn.tools.shell).toBeUndefined();
  });
});

describe("tool calls", () => {
  it("are logged once each with the tool, outcome and duration, never the arguments", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    vi.spyOn(console, "warn").mockImplementation((line: string) => lines.push(line));
    const message = CONVERSATION_MESSAGES["Telegram private chat"]();
    const { context } = turnContextForTest(message);
    const tools = buildTurnTools(context);
    const options = { toolCallId: "call-1", messages: [], context: {} };
    await tools.current_time?.execute?.({ timeZone: "Europe/Paris" }, options);
    const failed = await tools.use_skill?.execute?.({ name: "secret-skill-name" }, options);
    expect(failed).toEqual({ error: 'No skill "secret-skill-name". Known: none.' });
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ event: "tool_call", tool: "current_time", ok: true }),
      expect.objectContaining({ event: "tool_call", tool: "use_skill", ok: false, level: "warn" }),
    ]);
    for (const line of logged) {
      expect(line).toMatchObject({
        userId: context.userId,
        conversationId: message.conversationKey,
        durationMs: expect.any(Number),
      });
    }
    expect(lines.join("\n")).not.toMatch(/Europe\/Paris|secret-skill-name/);
  });

  it("turn an unexpected throw into the same error shape the model sees for any failure", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { context } = turnContextForTest(CONVERSATION_MESSAGES["Slack channel thread"]());
    context.personal.reminderBook.list = async () => {
      throw new Error("storage is gone");
    };
    const tools = buildTurnTools(context);
    const options = { toolCallId: "call-2", messages: [], context: {} };
    expect(await tools.list_reminders?.execute?.({}, options)).toEqual({
      error: "storage is gone",
    });
  });
});
