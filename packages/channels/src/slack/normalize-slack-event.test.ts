import { readFileSync } from "node:fs";
import { commandsOfferedOn } from "@molt/contracts";
import { describe, expect, it } from "vitest";
import {
  isSlackSenderAllowed,
  normalizeSlackCommand,
  normalizeSlackEvent,
} from "./normalize-slack-event";
import {
  botUserIdFromEnvelope,
  type SlackEventCallback,
  slackEventCallbackSchema,
  slackEventsRequestSchema,
  slackSlashCommandSchema,
  slackUrlVerificationSchema,
} from "./slack-event";

const FIXTURES = new URL("../../../../tests/fixtures/slack/", import.meta.url);
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));
const envelope = (name: string): SlackEventCallback =>
  slackEventCallbackSchema.parse(fixture(name));
const NOW = 1_700_000_000_000;

describe("Slack payload schemas", () => {
  it("parse every documented payload", () => {
    expect(slackUrlVerificationSchema.parse(fixture("url-verification.json")).challenge).toMatch(
      /^3eZbrw1a/,
    );
    for (const name of [
      "message-im.json",
      "app-mention.json",
      "message-changed.json",
      "bot-message.json",
    ]) {
      expect(slackEventsRequestSchema.parse(fixture(name)).type).toBe("event_callback");
    }
    const form = readFileSync(new URL("slash-command.form", FIXTURES), "utf8");
    const command = slackSlashCommandSchema.parse(Object.fromEntries(new URLSearchParams(form)));
    expect(command).toMatchObject({ command: "/weather", text: "94070", user_id: "U2147483697" });
  });
});

describe("normalizeSlackEvent", () => {
  it("makes a DM (message.im) a turn in the DM's conversation, answered directly", () => {
    const result = normalizeSlackEvent(envelope("message-im.json"), {
      botUserId: "UBOT",
      now: NOW,
    });
    expect(result).toEqual({
      kind: "message",
      message: {
        id: "slack:event:Ev123ABC456",
        channel: "slack",
        identity: "slack:T123ABC456:U2147483697",
        conversationKey: "slack:T123ABC456:D024BE91L",
        isGroup: false,
        address: { channel: "slack", chatId: "D024BE91L", teamId: "T123ABC456" },
        text: "Hello hello can you hear me?",
        receivedAt: NOW,
      },
    });
  });

  it("makes a mention a turn in the thread it starts, without the mention itself", () => {
    const result = normalizeSlackEvent(envelope("app-mention.json"), {
      botUserId: "U0LAN0Z89",
      now: NOW,
    });
    expect(result.kind === "message" && result.message).toMatchObject({
      identity: "slack:T123ABC456:U123ABC456",
      conversationKey: "slack:T123ABC456:C123ABC456:1515449522.000016",
      isGroup: true,
      address: { chatId: "C123ABC456", threadId: "1515449522.000016" },
      text: "What is the hour of the pearl, ?",
    });
  });

  it("keeps a mention inside a thread in that thread", () => {
    const inThread = envelope("app-mention.json");
    inThread.event.thread_ts = "1515449000.000001";
    const result = normalizeSlackEvent(inThread, { botUserId: "U0LAN0Z89", now: NOW });
    expect(result.kind === "message" && result.message.address.threadId).toBe("1515449000.000001");
    expect(result.kind === "message" && result.message.conversationKey).toBe(
      "slack:T123ABC456:C123ABC456:1515449000.000001",
    );
  });

  it("ignores edits, bot posts and the bot's own messages", () => {
    const options = { botUserId: "UBOT", now: NOW };
    expect(normalizeSlackEvent(envelope("message-changed.json"), options)).toEqual({
      kind: "ignored",
      reason: "event message",
    });
    const botMessage = envelope("bot-message.json");
    botMessage.event.channel_type = "im";
    expect(normalizeSlackEvent(botMessage, options)).toEqual({
      kind: "ignored",
      reason: "message subtype bot_message",
    });
    const own = envelope("message-im.json");
    own.event.user = "UBOT";
    expect(normalizeSlackEvent(own, options).kind).toBe("ignored");
    const withBotId = envelope("message-im.json");
    withBotId.event.bot_id = "B1";
    expect(normalizeSlackEvent(withBotId, options).kind).toBe("ignored");
    const join = envelope("message-im.json");
    join.event.subtype = "channel_join";
    expect(normalizeSlackEvent(join, options).kind).toBe("ignored");
  });

  it("reads the bot's user id from the envelope's authorizations", () => {
    const withBot = envelope("message-im.json");
    expect(botUserIdFromEnvelope(withBot)).toBeUndefined();
    withBot.authorizations = [{ user_id: "UBOTID", is_bot: true }];
    expect(botUserIdFromEnvelope(withBot)).toBe("UBOTID");
  });
});

describe("normalizeSlackCommand", () => {
  const form = readFileSync(new URL("slash-command.form", FIXTURES), "utf8");
  const base = slackSlashCommandSchema.parse(Object.fromEntries(new URLSearchParams(form)));

  it("maps /agent subcommands to the shared commands", () => {
    for (const { name } of commandsOfferedOn("slack")) {
      const message = normalizeSlackCommand(
        { ...base, command: "/agent", text: name },
        { now: NOW },
      );
      expect(message.command).toEqual({ name, args: "" });
      expect(message).toMatchObject({
        id: "slack:command:13345224609.738474920.8088930838d88f008e0",
        identity: "slack:T0001:U2147483697",
        conversationKey: "slack:T0001:C2147483705",
        address: { channel: "slack", chatId: "C2147483705", teamId: "T0001" },
      });
    }
  });

  it("answers an unknown or missing subcommand with help", () => {
    for (const text of ["", "dance", "start"]) {
      const message = normalizeSlackCommand({ ...base, command: "/agent", text }, { now: NOW });
      expect(message.command?.name).toBe("help");
    }
  });
});

describe("isSlackSenderAllowed", () => {
  it("accepts a bare user id in any workspace and team:user in that workspace only", () => {
    expect(isSlackSenderAllowed(["U1"], "T9", "U1")).toBe(true);
    expect(isSlackSenderAllowed(["T1:U2"], "T1", "U2")).toBe(true);
    expect(isSlackSenderAllowed(["T1:U2"], "T2", "U2")).toBe(false);
    expect(isSlackSenderAllowed(["U1"], "T1", "U3")).toBe(false);
  });
});
