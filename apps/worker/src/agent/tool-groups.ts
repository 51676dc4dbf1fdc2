import {
  createComputerTools,
  createCurrentTimeTool,
  createGroupFileTools,
  createMemoryTools,
  createReadReceivedFileTool,
  createReminderTools,
  createSkillTools,
} from "@molt/agent";
import type { ToolSet } from "ai";
import type { ToolRisk } from "../approvals/approval-policy";
import {
  createTurnBrowserTools,
  createWebFetchTools,
  createWebSearchTools,
  isWebSearchConfigured,
} from "../browser/build-web-tools";
import { createMcpTurnTools } from "../mcp/mcp-turn-tools";
import { createRuntimeComputerClient } from "../sandbox/runtime-computer-client";
import { createSendFileTools } from "./send-file-tool";
import type { ToolsetName } from "./toolsets";
import type { TurnContext } from "./turn-context";

/** One family of tools a turn may be offered, and the rule that decides whether it is. */
export interface ToolGroup {
  name: string;
  /** The rule in words, for people reading the table (and docs/task-map.md). */
  availability: string;
  /**
   * The toolset (`TOOLSETS`) whose tools are offered only once the conversation turns it on;
   * absent: the core, offered on every turn. Either way `isAvailable` decides first.
   */
  toolset?: ToolsetName;
  isAvailable(turn: TurnContext): boolean;
  create(turn: TurnContext): ToolSet;
  /**
   * What each of its tools brings in and does, for the approval policy (`approval-policy.ts`):
   * `bringsUntrusted` for content from outside, `acts` for shell, process, network, file write
   * or schedule. A tool missing here is treated as the riskiest kind (both).
   */
  risks: Readonly<Record<string, ToolRisk>>;
}

const always = () => true;
const pathOf = (input: unknown) => {
  const path = (input as { path?: unknown } | null)?.path;
  return typeof path === "string" ? path : undefined;
};
const WRITES_FILE: ToolRisk = { acts: "file_write", writesPath: pathOf };
const READS_FILE: ToolRisk = {};
const commandOf = (input: unknown) => {
  const command = (input as { command?: unknown } | null)?.command;
  return typeof command === "string" ? command : undefined;
};
const RUNS_COMMAND: ToolRisk = { acts: "shell", commandLine: commandOf };
const RUNS_PROCESS: ToolRisk = { acts: "process", commandLine: commandOf };
const READS_WEB: ToolRisk = { bringsUntrusted: true, acts: "network" };

/**
 * Every tool the model can be offered, in the order the model sees them. To add a tool, add it
 * to a group here (or add a group); `collectGroupTools` checks that no two tools share a name.
 * Keep the core (groups without a `toolset`) small: it is sent with every turn.
 */
export const TOOL_GROUPS: readonly ToolGroup[] = [
  {
    name: "time",
    availability: "always",
    isAvailable: always,
    create: () => ({ current_time: createCurrentTimeTool() }),
    risks: { current_time: {} },
  },
  {
    // A group chat must not read or change one person's memory in front of others.
    name: "memory",
    availability: "private chats only (not groups or channel threads)",
    isAvailable: (turn) => !turn.message.isGroup,
    create: ({ personal }) =>
      createMemoryTools({
        store: personal.workspace,
        now: () => Date.now(),
        timeZone: personal.timeZone,
        search: personal.searchMemory,
        onFileChanged: personal.onMemoryFileChanged,
        forgetInSessions: personal.forgetInSessions,
      }),
    // Memory goes into every later prompt, so writing it is a file write.
    risks: {
      remember: { acts: "file_write" },
      search_memory: {},
      forget: { acts: "file_write" },
      set_timezone: {},
    },
  },
  {
    name: "skills",
    toolset: "skills",
    availability: "always",
    isAvailable: always,
    create: ({ personal }) => createSkillTools(personal.workspace),
    risks: { use_skill: {}, search_skills: {} },
  },
  {
    name: "reminders",
    availability: "always (a reminder goes to the chat it was set in)",
    isAvailable: always,
    create: ({ personal }) =>
      createReminderTools({
        book: personal.reminderBook,
        timeZone: personal.timeZone,
        now: () => Date.now(),
      }),
    risks: {
      set_reminder: {
        acts: "schedule",
        createsRecurring: (input) => typeof (input as { cron?: unknown } | null)?.cron === "string",
      },
      list_reminders: {},
      cancel_reminder: { acts: "schedule" },
    },
  },
  {
    name: "web_fetch",
    toolset: "web",
    availability: "always",
    isAvailable: always,
    create: ({ env }) => createWebFetchTools(env),
    risks: { web_fetch: READS_WEB },
  },
  {
    // Documents the person sent are kept in inbox/ with their text beside them. Offered in the
    // turn a document arrives in, to read past its first window; later turns reach the same
    // text with the computer's file tools (`inbox/<name>.md`).
    name: "received_files",
    availability: "when the message carries a document",
    isAvailable: ({ message }) =>
      message.attachments?.some((attachment) => attachment.kind === "document") ?? false,
    create: ({ personal }) => ({
      read_received_file: createReadReceivedFileTool(personal.workspace),
    }),
    risks: { read_received_file: { bringsUntrusted: true } },
  },
  {
    name: "web_search",
    toolset: "web",
    availability: "when BRAVE_SEARCH_API_KEY is set",
    isAvailable: ({ env }) => isWebSearchConfigured(env),
    create: ({ env }) => createWebSearchTools(env),
    risks: { web_search: READS_WEB },
  },
  {
    name: "browser",
    toolset: "browser",
    availability: "always (Browser Rendering, or locally BROWSER_CDP_URL)",
    isAvailable: always,
    create: (turn) => createTurnBrowserTools(turn),
    risks: {
      browser_open: READS_WEB,
      browser_read: { bringsUntrusted: true },
      browser_click: READS_WEB,
      browser_type: READS_WEB,
      browser_screenshot: { bringsUntrusted: true },
    },
  },
  {
    // Nothing starts the computer until one of these is called. In a group the person's memory
    // files must stay as private as the memory tools keep them: the file tools refuse them by
    // any path, and commands (which could simply `cat MEMORY.md`) are not offered at all.
    name: "computer",
    toolset: "computer",
    availability:
      "always; in groups and channel threads only the file tools, which refuse MEMORY.md and memory/",
    isAvailable: always,
    create: ({ sandbox, message }) => {
      const client = createRuntimeComputerClient(sandbox);
      return message.isGroup ? createGroupFileTools(client) : createComputerTools(client);
    },
    risks: {
      shell: RUNS_COMMAND,
      read_file: READS_FILE,
      write_file: WRITES_FILE,
      edit_file: WRITES_FILE,
      list_files: READS_FILE,
      search_files: READS_FILE,
      start_process: RUNS_PROCESS,
      list_processes: {},
      process_logs: {},
      stop_process: RUNS_PROCESS,
    },
  },
  {
    // The console has no file view; its outbox row would only show the caption.
    name: "send_file",
    availability:
      "Telegram and Slack (not the web chat); in groups it refuses MEMORY.md and memory/",
    isAvailable: (turn) => turn.message.channel !== "console",
    toolset: "computer",
    create: (turn) => createSendFileTools(turn),
    // It sends workspace bytes out of the agent, so after outside content it asks first.
    risks: { send_file: { acts: "network" } },
  },
  {
    // Tools of remote MCP servers the operator or the person connected, named
    // `mcp_<server>_<tool>` (never one of ours). We cannot know what a server's tool does, so
    // each one counts as both: it brings untrusted content (descriptions and results, wrapped as
    // data) and it acts (it may change things with the person's credentials). Not in groups:
    // the servers act with one person's sign-in.
    name: "mcp",
    availability: "private chats only, when an MCP server is connected and ready",
    isAvailable: (turn) => !turn.message.isGroup && (turn.mcpServers?.length ?? 0) > 0,
    toolset: "mcp",
    create: (turn) => createMcpTurnTools(turn.mcpServers ?? []),
    // Their names come from the servers, so none is declared: an undeclared tool counts as the
    // riskiest kind (`UNDECLARED_RISK`: brings outside content and acts), which is what they are.
    risks: {},
  },
];
