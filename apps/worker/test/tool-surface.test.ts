import { afterEach, describe, expect, it, vi } from "vitest";
import { TOOL_GROUPS } from "../src/agent/tool-groups";
import { buildTurnTools } from "../src/agent/turn-tools";
import { CONVERSATION_MESSAGES, turnContextForTest } from "./support/turn-context";

const TIME = ["current_time"];
const MEMORY = ["remember", "search_memory", "forget", "set_timezone"];
const SKILLS = ["use_skill"];
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
const PRIVATE = [...TIME, ...MEMORY, ...SKILLS, ...REMINDERS, ...WEB, ...BROWSER, ...COMPUTER];
/** A group gets no memory, and of the computer only the file tools (which refuse the memory files). */
const SHARED = [...TIME, ...SKILLS, ...REMINDERS, ...WEB, ...BROWSER, ...FILES];

type Kind = keyof typeof CONVERSATION_MESSAGES;

function toolNames(kind: Kind, settings: Partial<Record<keyof Env, string>> = {}): string[] {
  const { context } = turnContextForTest(CONVERSATION_MESSAGES[kind](), settings);
  return Object.keys(buildTurnTools(context));
}

afterEach(() => vi.restoreAllMocks());

describe("the tools each kind of conversation gets", () => {
  it.each<[Kind, string[]]>([
    ["Telegram private chat", PRIVATE],
    ["web chat", PRIVATE],
    ["Telegram group", SHARED],
    ["Slack channel thread", SHARED],
  ])("%s", (kind, expected) => {
    expect(toolNames(kind)).toEqual(expected);
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

  it("refuses two groups that offer a tool of the same name", () => {
    const { context } = turnContextForTest(CONVERSATION_MESSAGES["web chat"]());
    const time = TOOL_GROUPS.find((group) => group.name === "time");
    if (!time) throw new Error("no time group");
    expect(() => buildTurnTools(context, [time, { ...time, name: "clock" }])).toThrow(
      "Two tool groups offer a tool named current_time.",
    );
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
