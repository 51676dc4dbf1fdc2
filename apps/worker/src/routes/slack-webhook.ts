import {
  botUserIdFromEnvelope,
  isSlackSenderAllowed,
  normalizeSlackCommand,
  normalizeSlackEvent,
  SLACK_SIGNATURE_HEADER,
  SLACK_TIMESTAMP_HEADER,
  type SlackEventCallback,
  slackEventCallbackSchema,
  slackEventsRequestSchema,
  slackSlashCommandSchema,
  slackUrlVerificationSchema,
  verifySlackSignature,
} from "@molt/channels";
import type { InboundMessage } from "@molt/contracts";
import { type Context, Hono } from "hono";
import { slackClient } from "../channels/reply-channel";
import { slackBotUserId } from "../channels/slack-bot-identity";
import { stackPlaceOf } from "../config/setting-fix";
import { requireSlackSettings, type SlackSettings } from "../config/slack-settings";
import { readWorkerConfig } from "../config/worker-config";
import { AppError } from "../errors";
import { deliverToAgent, pairingText, userIdOf } from "./deliver-to-agent";
import { readCappedText } from "./read-capped-body";
import { answerSlackInteraction } from "./slack-approval-answer";
import { logWebhook, noteWebhook, type WebhookEnv } from "./webhook-log";

/**
 * Slack's event and command payloads are a few kilobytes; anything this large is not Slack, and
 * is refused before it is read (the signature can only be checked over the whole body).
 */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;

/** Slack sets this on redeliveries (1, 2, 3); the event id still dedupes them. */
export const SLACK_RETRY_HEADER = "X-Slack-Retry-Num";

type SlackContext = Context<WebhookEnv>;

export const slackWebhookRoutes = new Hono<WebhookEnv>()
  .use("/webhooks/slack/*", logWebhook("slack"))
  .post("/webhooks/slack/events", async (c) => {
    const settings = requireSlackSettings(readWorkerConfig(c.env), stackPlaceOf(c.req.url));
    const rawBody = await readVerifiedBody(c, settings);
    const request = parseSlackJson(rawBody);
    const verification = slackUrlVerificationSchema.safeParse(request);
    if (verification.success) {
      noteWebhook(c, { outcome: "url_verification" });
      return c.json({ challenge: verification.data.challenge });
    }
    const callback = slackEventCallbackSchema.safeParse(request);
    if (!callback.success) {
      noteWebhook(c, { outcome: "ignored" });
      return c.json({ ok: true, ignored: `envelope ${request.type}` });
    }
    const envelope = callback.data;
    const updateId = envelope.event_id;
    const normalized = normalizeSlackEvent(envelope, {
      botUserId: await knownBotUserId(c, settings, envelope),
      now: Date.now(),
    });
    if (normalized.kind === "ignored") {
      noteWebhook(c, { outcome: "ignored", updateId });
      return c.json({ ok: true, ignored: normalized.reason });
    }
    const delivery = await deliverToAgent(c, normalized.message, {
      preApproved: isAllowed(settings, normalized.message),
    });
    noteWebhook(c, { outcome: delivery.outcome, updateId, ...userIdOf(delivery) });
    const retry = c.req.header(SLACK_RETRY_HEADER);
    return c.json({
      ok: true,
      outcome: delivery.outcome,
      ...userIdOf(delivery),
      ...(retry ? { retry: Number(retry) } : {}),
    });
  })
  .post("/webhooks/slack/commands", async (c) => {
    const settings = requireSlackSettings(readWorkerConfig(c.env), stackPlaceOf(c.req.url));
    const rawBody = await readVerifiedBody(c, settings);
    const parsed = slackSlashCommandSchema.safeParse(
      Object.fromEntries(new URLSearchParams(rawBody)),
    );
    if (!parsed.success) {
      throw new AppError("bad_request", "The request body is not a Slack slash command.");
    }
    const message = normalizeSlackCommand(parsed.data, { now: Date.now() });
    const delivery = await deliverToAgent(c, message, {
      preApproved: isAllowed(settings, message),
      notifyStranger: false,
    });
    noteWebhook(c, { outcome: delivery.outcome, updateId: message.id, ...userIdOf(delivery) });
    // Slack wants an answer within 3 s: the command itself runs in the agent and its reply
    // arrives through the outbox, like every reply. A stranger sees the pairing code alone.
    switch (delivery.outcome) {
      case "accepted":
      case "duplicate":
        return c.body(null, 200);
      case "pairing":
        return c.json({ response_type: "ephemeral", text: pairingText(delivery.code) });
      case "denied":
        return c.json({ response_type: "ephemeral", text: "Sorry, I can't talk to you." });
    }
  })
  .post("/webhooks/slack/interactivity", async (c) => {
    // Signed like events (same secret, same five-minute window, same body cap).
    const settings = requireSlackSettings(readWorkerConfig(c.env), stackPlaceOf(c.req.url));
    const rawBody = await readVerifiedBody(c, settings);
    const answered = await answerSlackInteraction(c.env, slackClient(c.env), rawBody);
    noteWebhook(c, answered);
    // Slack wants an empty 200 within 3 s; anything to say went through the Web API.
    return c.body(null, 200);
  });

/**
 * Returns the raw body once its signature checks out. The body must be read as text before
 * any parsing: the signature covers the exact bytes Slack sent.
 */
async function readVerifiedBody(c: SlackContext, settings: SlackSettings): Promise<string> {
  const rawBody = await readCappedText(c.req.raw, SLACK_MAX_BODY_BYTES);
  const result = await verifySlackSignature({
    signingSecret: settings.signingSecret,
    timestamp: c.req.header(SLACK_TIMESTAMP_HEADER),
    signature: c.req.header(SLACK_SIGNATURE_HEADER),
    rawBody,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  if (!result.ok) {
    const why = {
      missing: "Missing Slack signature headers.",
      stale: "The Slack request timestamp is more than five minutes away from now.",
      mismatch: "The Slack signature does not match.",
    }[result.reason];
    throw new AppError("unauthorized", why);
  }
  return rawBody;
}

function parseSlackJson(rawBody: string) {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
  const parsed = slackEventsRequestSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("bad_request", "The request body is not a Slack Events API request.");
  }
  return parsed.data;
}

/**
 * The envelope usually says which bot it was delivered for; otherwise `auth.test` (cached).
 * Without either, bot and subtype checks still keep the bot from answering itself.
 */
async function knownBotUserId(
  c: SlackContext,
  settings: SlackSettings,
  envelope: SlackEventCallback,
): Promise<string | undefined> {
  const fromEnvelope = botUserIdFromEnvelope(envelope);
  if (fromEnvelope) return fromEnvelope;
  try {
    return await slackBotUserId(c.env, settings);
  } catch (error) {
    console.warn(`Slack auth.test failed: ${error instanceof Error ? error.message : "unknown"}`);
    return undefined;
  }
}

function isAllowed(settings: SlackSettings, message: InboundMessage): boolean {
  const [, team = "", user = ""] = message.identity.split(":");
  return isSlackSenderAllowed(settings.allowFrom, team, user);
}
