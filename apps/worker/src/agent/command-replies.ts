import { SLACK_SLASH_COMMAND } from "@molt/channels";
import {
  type Channel,
  type CommandName,
  type CommandSurface,
  commandsListedOn,
} from "@molt/contracts";
import type { UsageToday } from "./agent-store";

/** How each surface spells a command: Slack's are subcommands of the app's one slash command. */
const COMMAND_PREFIX: Record<CommandSurface, string> = {
  telegram: "/",
  web: "/",
  slack: `${SLACK_SLASH_COMMAND} `,
};

const HELP_INTRO: Record<CommandSurface, string> = {
  telegram: "Just write to me and I'll answer. Commands:",
  web: "Just write to me and I'll answer. Commands:",
  slack: "Write to me here, or mention me in a channel and I'll answer in the thread. Commands:",
};

export function commandSurfaceOf(channel: Channel): CommandSurface {
  return channel === "console" ? "web" : channel;
}

/** How a person types a command where they are, e.g. `/retry` or `/agent retry`. */
export function commandUsage(name: CommandName, channel: Channel): string {
  return `${COMMAND_PREFIX[commandSurfaceOf(channel)]}${name}`;
}

/** The command list of the surface the person writes on, from the one command catalog. */
export function helpText(channel: Channel): string {
  const surface = commandSurfaceOf(channel);
  const lines = commandsListedOn(surface).map(
    (command) => `${COMMAND_PREFIX[surface]}${command.name}: ${command.summary}`,
  );
  return [HELP_INTRO[surface], ...lines].join("\n");
}

export function welcomeText(senderName: string | undefined, channel: Channel): string {
  return `Hi${senderName ? ` ${senderName}` : ""}! I'm your personal agent.\n\n${helpText(channel)}`;
}

export interface StatusFacts {
  model: string;
  sessionMessages: number;
  usage: UsageToday;
  /** DAILY_TOKEN_LIMIT, or null without a cap. */
  dailyLimit: number | null;
  waiting: number;
}

export function statusText(facts: StatusFacts): string {
  const { usage } = facts;
  return [
    `Model: ${facts.model}`,
    `Session: ${facts.sessionMessages} message${facts.sessionMessages === 1 ? "" : "s"}`,
    `Today (${usage.day} UTC): ${usage.turns} turn${usage.turns === 1 ? "" : "s"}, ${usage.inputTokens} input (${usage.cachedInputTokens} of them cached) + ${usage.outputTokens} output tokens`,
    facts.dailyLimit === null
      ? "Daily token cap: none"
      : `Daily token cap: ${facts.dailyLimit} (${Math.max(0, facts.dailyLimit - usage.inputTokens - usage.outputTokens)} left)`,
    `Waiting messages: ${facts.waiting}`,
  ].join("\n");
}

/** What the person sees when the model fails; the message itself is kept for /retry. */
export function modelFailureText(reason: string, channel?: Channel): string {
  const retry = commandUsage("retry", channel ?? "telegram");
  return `Sorry, the model could not answer (${reason}). Your message is kept: send ${retry} to try again.`;
}

/** Said after the answer when the computer misbehaved during the turn, so nobody is misled. */
/** At most this many unsaved files are named; the rest are counted. */
const NAMED_UNSAVED_FILES = 5;

export function sandboxNoticeText(outcome: {
  interrupted: boolean;
  syncError?: string;
  notSaved?: { path: string; reason: string }[];
}): string | undefined {
  const notes: string[] = [];
  if (outcome.interrupted) {
    notes.push(
      "⚠️ My computer restarted during this turn, so a command was interrupted. Files saved before it are back; anything it was doing may need to be run again.",
    );
  }
  if (outcome.syncError) {
    notes.push(`⚠️ I could not save the latest file changes (${outcome.syncError}).`);
  }
  const notSaved = outcome.notSaved ?? [];
  if (notSaved.length > 0) {
    const named = notSaved
      .slice(0, NAMED_UNSAVED_FILES)
      .map((file) => `${JSON.stringify(file.path)}: ${file.reason}`);
    const more = notSaved.length - named.length;
    if (more > 0) named.push(`and ${more} more`);
    notes.push(
      `⚠️ Some files stay on my computer only and are lost when it restarts: ${named.join("; ")}.`,
    );
  }
  return notes.length > 0 ? notes.join("\n") : undefined;
}
