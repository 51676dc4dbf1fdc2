// Signed Slack Events API requests for the benchmark, built from the documented fixtures.

import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, RUN_ID, SLACK_SIGNING_SECRET, SLACK_TEAM } from "./settings.mjs";

const fixture = (name) =>
  JSON.parse(readFileSync(path.join(ROOT, "tests", "fixtures", "slack", name), "utf8"));
const MESSAGE_IM = fixture("message-im.json");
const URL_VERIFICATION = fixture("url-verification.json");

/** The DM channel of one bench user: one conversation per user, like a person's DM. */
export function dmChannel(userId) {
  return `D${userId}`;
}

export function slackMarker(phase, userIndex, index) {
  return `s${RUN_ID}${phase}u${userIndex}n${index}`;
}

/** A documented `message.im` callback from `userId`, with a unique event id. */
export function dmEventBody(userId, text, eventId) {
  const body = structuredClone(MESSAGE_IM);
  body.team_id = SLACK_TEAM;
  body.event_id = eventId;
  Object.assign(body.event, {
    user: userId,
    channel: dmChannel(userId),
    text,
    ts: `${Math.floor(Date.now() / 1000)}.${eventId.slice(-6).padStart(6, "0")}`,
  });
  body.authorizations = [{ team_id: SLACK_TEAM, user_id: "U0FAKEBOT", is_bot: true }];
  return JSON.stringify(body);
}

export function urlVerificationBody() {
  return JSON.stringify(URL_VERIFICATION);
}

/** Slack's headers for a raw body: `v0=` HMAC-SHA256 over `v0:{timestamp}:{body}`. */
export function signedHeaders(rawBody, retryNum) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", SLACK_SIGNING_SECRET)
    .update(`v0:${timestamp}:${rawBody}`)
    .digest("hex");
  return {
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": `v0=${signature}`,
    ...(retryNum
      ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" }
      : {}),
  };
}

export async function postSlackEvent(client, rawBody, retryNum) {
  return client.request(
    "POST",
    "/webhooks/slack/events",
    rawBody,
    signedHeaders(rawBody, retryNum),
  );
}
