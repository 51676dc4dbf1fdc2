import { z } from "zod";

/** Where a command can be typed: a Telegram chat, Slack's `/agent`, the web chat and `pnpm chat`. */
export type CommandSurface = "telegram" | "slack" | "web";

export interface CommandDescription {
  name: string;
  /** The line of the help text (after `/name: `). */
  summary: string;
  /** The short description in Telegram's command menu (`setMyCommands`). */
  menuSummary: string;
  offeredOn: readonly CommandSurface[];
  /** Shown in help texts and menus; `start` is only Telegram's first-contact word. */
  listed: boolean;
}

const EVERYWHERE = ["telegram", "slack", "web"] as const satisfies readonly CommandSurface[];

/**
 * Every command, once. Parsing on each channel, the help texts, Telegram's command menu and
 * the Slack manifest's usage hint all derive from this list; the worker's command registry
 * gives each name its handler (and fails to compile when one is missing). Listed in help order.
 */
export const COMMANDS = [
  {
    name: "start",
    summary: "say hello and list the commands",
    menuSummary: "Say hello",
    offeredOn: ["telegram", "web"],
    listed: false,
  },
  {
    name: "new",
    summary: "start a fresh session (I forget this conversation's history)",
    menuSummary: "Start a fresh session",
    offeredOn: EVERYWHERE,
    listed: true,
  },
  {
    name: "compact",
    summary: "summarize this session so far (what you said is saved to today's note)",
    menuSummary: "Summarize this session to free context",
    offeredOn: EVERYWHERE,
    listed: true,
  },
  {
    name: "reminders",
    summary: "reminders and scheduled tasks set in this chat",
    menuSummary: "List reminders and scheduled tasks",
    offeredOn: EVERYWHERE,
    listed: true,
  },
  {
    name: "status",
    summary: "model, session length and tokens used today",
    menuSummary: "Model, session length, tokens used today",
    offeredOn: EVERYWHERE,
    listed: true,
  },
  {
    name: "model",
    summary: "the models you can use; /model <name> switches yours",
    menuSummary: "List or switch your model",
    offeredOn: EVERYWHERE,
    listed: true,
  },
  {
    name: "voice",
    summary: "voice notes for your voice messages: /voice on or /voice off",
    menuSummary: "Voice notes on or off",
    offeredOn: ["telegram", "slack"],
    listed: true,
  },
  {
    name: "mcp",
    summary: "your MCP servers; /mcp add <url> [name], /mcp remove <name>",
    menuSummary: "List, add or remove MCP servers",
    offeredOn: EVERYWHERE,
    listed: true,
  },
  {
    name: "stop",
    summary: "stop what I'm doing right now",
    menuSummary: "Stop the running answer",
    offeredOn: EVERYWHERE,
    listed: true,
  },
  {
    name: "retry",
    summary: "try your last failed message again",
    menuSummary: "Retry the last failed message",
    offeredOn: EVERYWHERE,
    listed: true,
  },
  {
    name: "help",
    summary: "this list",
    menuSummary: "What I can do",
    offeredOn: EVERYWHERE,
    listed: true,
  },
] as const satisfies readonly CommandDescription[];

export type CommandName = (typeof COMMANDS)[number]["name"];

export const COMMAND_NAMES = COMMANDS.map((command) => command.name) as [
  CommandName,
  ...CommandName[],
];

export const commandNameSchema = z.enum(COMMAND_NAMES);

/** The commands a surface accepts, in help order. */
export function commandsOfferedOn(surface: CommandSurface): readonly CommandDescription[] {
  return COMMANDS.filter((command) =>
    (command.offeredOn as readonly CommandSurface[]).includes(surface),
  );
}

/** The commands shown in a surface's help text and menu. */
export function commandsListedOn(surface: CommandSurface): readonly CommandDescription[] {
  return commandsOfferedOn(surface).filter((command) => command.listed);
}

/** `name` (lower-cased) when the surface offers that command; undefined otherwise. */
export function toOfferedCommandName(
  name: string,
  surface: CommandSurface,
): CommandName | undefined {
  const lower = name.toLowerCase();
  const offered = commandsOfferedOn(surface).some((command) => command.name === lower);
  return offered ? commandNameSchema.parse(lower) : undefined;
}
