import { exports } from "cloudflare:workers";
import { signSlackRequest } from "@molt/channels";
import appMention from "../../../../tests/fixtures/slack/app-mention.json";
import blockActions from "../../../../tests/fixtures/slack/block-actions.json";
import botMessage from "../../../../tests/fixtures/slack/bot-message.json";
import messageChanged from "../../../../tests/fixtures/slack/message-changed.json";
import messageIm from "../../../../tests/fixtures/slack/message-im.json";
import {
  TEST_ALLOWED_SLACK_USERS,
  TEST_SLACK_SIGNING_SECRET,
} from "../../../../tests/setup/test-settings";
import { BASE_URL } from "./worker-api";

/** Slack's documented slash command body (tests/fixtures/slack/slash-command.form). */
const SLASH_COMMAND_FORM =
  "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=/weather&text=94070&response_url=https://hooks.slack.com/commands/1234/5678&trigger_id=13345224609.738474920.8088930838d88f008e0&api_app_id=A123456";

export const SLACK_TEAM = "T123ABC456";
/** What the fake Slack's auth.test says the bot is. */
export const SLACK_BOT_USER = "U0FAKEBOT";

const runTag = Math.floor(Math.random() * 1_000_000_000);
let counter = 0;
let nextAllowed = Math.floor(Math.random() * 900);

/** A fresh id part nobody else in the run uses. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${runTag}X${counter}`.toUpperCase();
}

/** A Slack user listed in SLACK_ALLOW_FROM, so its messages reach an agent at once. */
export function newAllowedSlackUser(): string {
  return TEST_ALLOWED_SLACK_USERS[nextAllowed++ % TEST_ALLOWED_SLACK_USERS.length] as string;
}

export function newStrangerSlackUser(): string {
  return unique("USTRANGER");
}

/** The documented `message.im` callback, from `user` in DM `channel`, saying `text`. */
export function dmEvent(user: string, channel: string, text: string, eventId = unique("EV")) {
  const body = structuredClone(messageIm);
  body.event_id = eventId;
  body.event.user = user;
  body.event.channel = channel;
  body.event.text = text;
  body.event.ts = nextTs();
  body.event.event_ts = body.event.ts;
  // Deliveries for a bot installation name the bot here.
  body.authorizations = [
    { ...body.authorizations[0], user_id: SLACK_BOT_USER, is_bot: true },
  ] as never;
  return body;
}

/** The documented `app_mention` callback in `channel`, optionally inside a thread. */
export function mentionEvent(
  user: string,
  channel: string,
  text: string,
  options: { threadTs?: string; eventId?: string } = {},
) {
  const body = structuredClone(appMention) as typeof appMention & {
    event: { thread_ts?: string };
  };
  body.event_id = options.eventId ?? unique("EV");
  body.event.user = user;
  body.event.channel = channel;
  body.event.text = `<@${SLACK_BOT_USER}> ${text}`;
  body.event.ts = nextTs();
  if (options.threadTs) body.event.thread_ts = options.threadTs;
  return body;
}

export function botMessageEvent(channel: string) {
  const body = structuredClone(botMessage) as typeof botMessage & {
    event: Record<string, unknown>;
  };
  body.event_id = unique("EV");
  Object.assign(body.event, { channel, channel_type: "im" });
  return body;
}

export function messageChangedEvent(channel: string) {
  const body = structuredClone(messageChanged) as typeof messageChanged & {
    event: Record<string, unknown>;
  };
  body.event_id = unique("EV");
  Object.assign(body.event, { channel, channel_type: "im" });
  return body;
}

let tsCounter = 0;
function nextTs(): string {
  tsCounter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, "0")}`;
}

export interface SignOptions {
  /** Epoch seconds for X-Slack-Request-Timestamp; default now. */
  timestamp?: number;
  secret?: string;
  /** Replaces the computed signature. */
  signature?: string | null;
  retryNum?: number;
}

export async function slackHeaders(rawBody: string, options: SignOptions = {}) {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature =
    options.signature === undefined
      ? await signSlackRequest(options.secret ?? TEST_SLACK_SIGNING_SECRET, timestamp, rawBody)
      : options.signature;
  const headers: Record<string, string> = { "X-Slack-Request-Timestamp": timestamp };
  if (signature !== null) headers["X-Slack-Signature"] = signature;
  if (options.retryNum !== undefined) {
    headers["X-Slack-Retry-Num"] = String(options.retryNum);
    headers["X-Slack-Retry-Reason"] = "http_timeout";
  }
  return headers;
}

export async function postSlackEvent(
  body: unknown,
  options: SignOptions & { rawBody?: string } = {},
): Promise<Response> {
  const rawBody = options.rawBody ?? JSON.stringify(body);
  return exports.default.fetch(`${BASE_URL}/webhooks/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await slackHeaders(rawBody, options)) },
    body: rawBody,
  });
}

/** The documented slash command form, as `/agent <text>` from `user` in `channel`. */
export function slashCommandBody(user: string, channel: string, text: string, team = "T0001") {
  const form = new URLSearchParams(SLASH_COMMAND_FORM);
  form.set("command", "/agent");
  form.set("text", text);
  form.set("user_id", user);
  form.set("channel_id", channel);
  form.set("team_id", team);
  form.set("trigger_id", `${unique("")}.738474920.8088930838d88f008e0`);
  return form.toString();
}

export async function postSlackCommand(rawBody: string, options: SignOptions = {}) {
  return exports.default.fetch(`${BASE_URL}/webhooks/slack/commands`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(await slackHeaders(rawBody, options)),
    },
    body: rawBody,
  });
}

/** The documented `block_actions` payload: `user` of `team` pressed a button of a message. */
export function blockActionsPayload(options: {
  team: string;
  user: string;
  channel: string;
  messageTs: string;
  actionId: string;
  value: string;
}) {
  const payload = structuredClone(blockActions);
  payload.team.id = options.team;
  payload.user.id = options.user;
  payload.user.team_id = options.team;
  payload.channel.id = options.channel;
  payload.container.channel_id = options.channel;
  payload.container.message_ts = options.messageTs;
  payload.message.ts = options.messageTs;
  payload.actions = [
    { ...payload.actions[0], action_id: options.actionId, value: options.value } as never,
  ];
  return payload;
}

/** An interactivity request as Slack sends it: a form with the JSON in `payload`, signed. */
export async function postSlackInteraction(payload: unknown, options: SignOptions = {}) {
  const rawBody = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return exports.default.fetch(`${BASE_URL}/webhooks/slack/interactivity`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(await slackHeaders(rawBody, options)),
    },
    body: rawBody,
  });
}
