import type { InboundMessage, ReplyAddress } from "@molt/contracts";
import { toOfferedCommandName } from "@molt/contracts";
import { linksFromSender } from "../find-links";
import type { SlackEventCallback, SlackMessageEvent, SlackSlashCommand } from "./slack-event";
import { readSlackMessageFiles } from "./slack-message-files";

/** A message with files (`file_share`) is a person's message like any other. */
const PERSON_MESSAGE_SUBTYPES = new Set(["file_share"]);

export type NormalizedSlackEvent =
  | { kind: "message"; message: InboundMessage }
  | { kind: "ignored"; reason: string };

export interface NormalizeSlackEventOptions {
  /** Our bot's user id (from the envelope's authorizations or `auth.test`), when known. */
  botUserId: string | undefined;
  /** Epoch milliseconds, injected so normalization stays deterministic. */
  now: number;
}

/** The slash command the Slack app manifest registers. */
export const SLACK_SLASH_COMMAND = "/agent";

/**
 * Turns an Events API callback into the channel-neutral inbound message, or says why not. Only a
 * person's plain message in a DM, or a mention of the bot in a channel, becomes a turn: edits,
 * joins, bot posts and our own messages are dropped so the bot never answers itself.
 */
export function normalizeSlackEvent(
  envelope: SlackEventCallback,
  options: NormalizeSlackEventOptions,
): NormalizedSlackEvent {
  const event = envelope.event;
  const isDirect = event.type === "message" && event.channel_type === "im";
  if (!isDirect && event.type !== "app_mention") {
    return ignored(`event ${event.type}${event.channel_type ? ` in ${event.channel_type}` : ""}`);
  }
  if (event.subtype !== undefined && !PERSON_MESSAGE_SUBTYPES.has(event.subtype)) {
    return ignored(`message subtype ${event.subtype}`);
  }
  if (event.bot_id !== undefined) return ignored("message was sent by a bot");
  if (!event.user || !event.channel || !event.ts) return ignored("message has no sender");
  if (event.user === options.botUserId) return ignored("message was sent by this bot");
  const said = stripBotMention(event.text ?? "", options.botUserId).trim();
  const files = readSlackMessageFiles(event.files);
  if (said === "" && files.attachments.length === 0 && !files.description) {
    return ignored("message has no text");
  }
  const text = [said, files.description].filter(Boolean).join("\n\n");
  const team = event.user_team ?? event.team ?? envelope.team_id;
  const workspace = event.team ?? envelope.team_id;
  return {
    kind: "message",
    message: {
      id: `slack:event:${envelope.event_id}`,
      channel: "slack",
      identity: slackIdentity(team, event.user),
      conversationKey: conversationKey(workspace, event, isDirect),
      isGroup: !isDirect,
      address: { ...replyAddress(workspace, event, isDirect), ...linksFromSender(said) },
      text,
      ...(files.attachments.length > 0 ? { attachments: files.attachments } : {}),
      receivedAt: options.now,
    },
  };
}

/**
 * A slash command becomes a command message in the conversation it was typed in. Unknown
 * subcommands (and a bare `/agent`) mean help, so a typo gets the list rather than silence.
 */
export function normalizeSlackCommand(
  command: SlackSlashCommand,
  options: { now: number },
): InboundMessage {
  const [first = "", ...rest] = command.text.trim().split(/\s+/);
  const name = toOfferedCommandName(first, "slack") ?? "help";
  const isDirect = command.channel_id.startsWith("D");
  const address: ReplyAddress = {
    channel: "slack",
    chatId: command.channel_id,
    teamId: command.team_id,
  };
  return {
    id: `slack:command:${command.trigger_id}`,
    channel: "slack",
    identity: slackIdentity(command.team_id, command.user_id),
    senderName: command.user_name,
    conversationKey: `slack:${command.team_id}:${command.channel_id}`,
    isGroup: !isDirect,
    address,
    text: `${SLACK_SLASH_COMMAND} ${command.text}`.trim(),
    command: { name, args: rest.join(" ") },
    receivedAt: options.now,
  };
}

export function slackIdentity(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** Each DM is one conversation; in a channel each thread (the mention starts one) is its own. */
function conversationKey(team: string, event: SlackMessageEvent, isDirect: boolean): string {
  const base = `slack:${team}:${event.channel}`;
  return isDirect ? base : `${base}:${event.thread_ts ?? event.ts}`;
}

function replyAddress(team: string, event: SlackMessageEvent, isDirect: boolean): ReplyAddress {
  const threadTs = isDirect ? event.thread_ts : (event.thread_ts ?? event.ts);
  return {
    channel: "slack",
    chatId: event.channel as string,
    teamId: team,
    ...(threadTs ? { threadId: threadTs } : {}),
  };
}

/** `<@U123>` or `<@U123|name>` of the bot; without a known id, only a leading mention goes. */
function stripBotMention(text: string, botUserId: string | undefined): string {
  if (botUserId) {
    const escaped = botUserId.replace(/[^A-Z0-9]/gi, "");
    return text.replace(new RegExp(`<@${escaped}(?:\\|[^>]*)?>`, "g"), "").replace(/\s{2,}/g, " ");
  }
  return text.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/i, "");
}

function ignored(reason: string): NormalizedSlackEvent {
  return { kind: "ignored", reason };
}

/**
 * Whether `SLACK_ALLOW_FROM` lists this sender: entries are a user id (`U123`, any workspace)
 * or `T123:U123` (that workspace only).
 */
export function isSlackSenderAllowed(
  allowFrom: readonly string[],
  team: string,
  user: string,
): boolean {
  return allowFrom.some((entry) => entry === user || entry === `${team}:${user}`);
}
