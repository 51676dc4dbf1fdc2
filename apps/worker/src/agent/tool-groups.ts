import {
  createComputerTools,
  createCurrentTimeTool,
  createGroupFileTools,
  createMemoryTools,
  createReminderTools,
  createSkillTools,
} from "@molt/agent";
import type { ToolSet } from "ai";
import {
  createTurnBrowserTools,
  createWebFetchTools,
  createWebSearchTools,
  isWebSearchConfigured,
} from "../browser/build-web-tools";
import { createMcpTurnTools } from "../mcp/mcp-turn-tools";
import { createRuntimeComputerClient } from "../sandbox/runtime-computer-client";
import type { TurnContext } from "./turn-context";

/** One family of tools a turn may be offered, and the rule that decides whether it is. */
export interface ToolGroup {
  name: string;
  /** The rule in words, for people reading the table (and docs/task-map.md). */
  availability: string;
  isAvailable(turn: TurnContext): boolean;
  create(turn: TurnContext): ToolSet;
  /** Its tools bring content from outside into the turn (untrusted content). */
  bringsUntrustedContent?: boolean;
  /** Its tools act in the world on the person's behalf (beyond reading). */
  acts?: boolean;
}

const always = () => true;

/**
 * Every tool the model can be offered, in the order the model sees them. To add a tool, add it
 * to a group here (or add a group); `buildTurnTools` checks that no two tools share a name.
 */
export const TOOL_GROUPS: readonly ToolGroup[] = [
  {
    name: "time",
    availability: "always",
    isAvailable: always,
    create: () => ({ current_time: createCurrentTimeTool() }),
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
  },
  {
    name: "skills",
    availability: "always",
    isAvailable: always,
    create: ({ personal }) => createSkillTools(personal.workspace),
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
  },
  {
    name: "web_fetch",
    availability: "always",
    isAvailable: always,
    create: ({ env }) => createWebFetchTools(env),
  },
  {
    name: "web_search",
    availability: "when BRAVE_SEARCH_API_KEY is set",
    isAvailable: ({ env }) => isWebSearchConfigured(env),
    create: ({ env }) => createWebSearchTools(env),
  },
  {
    name: "browser",
    availability: "always (Browser Rendering, or locally BROWSER_CDP_URL)",
    isAvailable: always,
    create: (turn) => createTurnBrowserTools(turn),
  },
  {
    // Nothing starts the computer until one of these is called. In a group the person's memory
    // files must stay as private as the memory tools keep them: the file tools refuse them by
    // any path, and commands (which could simply `cat MEMORY.md`) are not offered at all.
    name: "computer",
    availability:
      "always; in groups and channel threads only the file tools, which refuse MEMORY.md and memory/",
    isAvailable: always,
    create: ({ sandbox, message }) => {
      const client = createRuntimeComputerClient(sandbox);
      return message.isGroup ? createGroupFileTools(client) : createComputerTools(client);
    },
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
    create: (turn) => createMcpTurnTools(turn.mcpServers ?? []),
    bringsUntrustedContent: true,
    acts: true,
  },
];
