// Telegram updates as the worker tests build them (tests/fixtures/telegram/private-text.json).
// Each text carries a marker that the fake model echoes back, so a reply leads to its update.

import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, RUN_ID } from "./settings.mjs";

const MARKER_PATTERN = /\bbm-[0-9a-f]{6}-[a-z]+\d+-\d+\b/;

const privateTextFixture = JSON.parse(
  readFileSync(path.join(ROOT, "tests/fixtures/telegram/private-text.json"), "utf8"),
);
// The agent answers a seen update_id as a duplicate, so every update gets a fresh one.
let nextUpdateId = 700_000_000 + Math.floor(Math.random() * 100_000) * 1000;

export function privateTextUpdate(userId, text) {
  const update = structuredClone(privateTextFixture);
  update.update_id = nextUpdateId++;
  update.message.message_id = update.update_id % 100_000;
  update.message.from.id = userId;
  update.message.chat.id = userId;
  update.message.text = text;
  return update;
}

/** Passes the secret check, parsing, zod and normalization, then is ignored without a DO. */
export function ignoredUpdate(userId) {
  const update = privateTextUpdate(userId, "edited");
  return { update_id: update.update_id, edited_message: update.message };
}

/** `kind` tells phases apart, so a late reply of one phase can never count for another. */
export function markerFor(kind, userIndex, messageIndex) {
  return `bm-${RUN_ID}-${kind}${userIndex}-${messageIndex}`;
}

export function markerIn(text) {
  return typeof text === "string" ? MARKER_PATTERN.exec(text)?.[0] : undefined;
}

/**
 * One message per (user, index), fresh update_ids each call, in the order Telegram would
 * interleave busy chats: every user's first message, then every user's second, and so on.
 */
export function buildMessages(settings, kind) {
  const { userIds, messagesPerUser } = settings;
  const messages = [];
  for (let messageIndex = 0; messageIndex < messagesPerUser; messageIndex++) {
    for (const [userIndex, userId] of userIds.entries()) {
      const marker = markerFor(kind, userIndex, messageIndex);
      const text = `Message ${messageIndex + 1} of ${messagesPerUser}, please answer ${marker}`;
      messages.push({ userId, marker, update: privateTextUpdate(userId, text) });
    }
  }
  return messages;
}
