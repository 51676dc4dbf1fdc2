import type { Channel } from "@molt/contracts";
import type { UsageToday } from "./agent-store";

export const HELP_TEXT = [
  "Just write to me and I'll answer. Commands:",
  "/new: start a fresh session (I forget this conversation's history)",
  "/compact: summarize this session so far (what you said is saved to today's note)",
  "/reminders: reminders and scheduled tasks set in this chat",
  "/status: model, session length and tokens used today",
  "/stop: stop what I'm doing right now",
  "/retry: try your last failed message again",
  "/help: this list",
].join("\n");

/** Slack's commands are subcommands of the app's one slash command. */
export const SLACK_HELP_TEXT = [
  "Write to me here, or mention me in a channel and I'll answer in the thread. Commands:",
  "/agent new: start a fresh session (I forget this conversation's history)",
  "/agent compact: summarize this session so far (what you said is saved to today's note)",
  "/agent reminders: reminders and scheduled tasks set in this chat",
  "/agent status: model, session length and tokens used today",
  "/agent stop: stop what I'm doing right now",
  "/agent retry: try your last failed message again",
  "/agent help: this list",
].join("\n");

export function helpText(channel: Channel): string {
  return channel === "slack" ? SLACK_HELP_TEXT : HELP_TEXT;
}

export function welcomeText(senderName: string | undefined): string {
  return `Hi${senderName ? ` ${senderName}` : ""}! I'm your personal agent.\n\n${HELP_TEXT}`;
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
    `Today (${usage.day} UTC): ${usage.turns} turn${usage.turns === 1 ? "" : "s"}, ${usage.inputTokens} input + ${usage.outputTokens} output tokens`,
    facts.dailyLimit === null
      ? "Daily token cap: none"
      : `Daily token cap: ${facts.dailyLimit} (${Math.max(0, facts.dailyLimit - usage.inputTokens - usage.outputTokens)} left)`,
    `Waiting messages: ${facts.waiting}`,
  ].join("\n");
}

/** What the person sees when the model fails; the message itself is kept for /retry. */
export function modelFailureText(reason: string, channel?: Channel): string {
  const retry = channel === "slack" ? "/agent retry" : "/retry";
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
