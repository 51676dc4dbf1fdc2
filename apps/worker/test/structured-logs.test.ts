import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fakeTelegram, resetFakes } from "./support/fakes";
import { dmEvent, newAllowedSlackUser, postSlackEvent, unique } from "./support/slack-events";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);
afterEach(() => vi.restoreAllMocks());

/** Every log line written while `action` runs, parsed. */
async function captureLogLines(action: () => Promise<unknown>) {
  const lines: string[] = [];
  const keep = (line: unknown) => {
    if (typeof line === "string") lines.push(line);
  };
  vi.spyOn(console, "log").mockImplementation(keep);
  vi.spyOn(console, "warn").mockImplementation(keep);
  await action();
  vi.restoreAllMocks();
  const parsed = lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  return {
    raw: lines.join("\n"),
    webhooks: parsed.filter((line) => line.event === "webhook"),
    admin: parsed.filter((line) => line.event === "admin"),
  };
}

describe("webhook log lines", () => {
  it("log one line per Telegram update with its outcome, ids and duration, without the text", async () => {
    const person = newAllowedPersonId();
    const update = privateTextUpdate(person, "private words for the log test");
    const { raw, webhooks } = await captureLogLines(() => postTelegramUpdate(update));
    expect(webhooks).toEqual([
      expect.objectContaining({
        channel: "telegram",
        outcome: "accepted",
        updateId: update.update_id,
        userId: expect.any(String),
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(raw).not.toContain("private words");
    await fakeTelegram.waitForMessages(person, 1);
  });

  it("log a refused Telegram update with the refusal's code", async () => {
    const update = privateTextUpdate(newAllowedPersonId(), "forged");
    const { webhooks } = await captureLogLines(() =>
      postTelegramUpdate(update, { secret: "not-the-secret" }),
    );
    expect(webhooks).toEqual([
      expect.objectContaining({ channel: "telegram", outcome: "unauthorized", status: 401 }),
    ]);
  });

  it("log one line per Slack event with its event id", async () => {
    const eventId = unique("EVLOG");
    const event = dmEvent(newAllowedSlackUser(), unique("D"), "slack words", eventId);
    const { raw, webhooks } = await captureLogLines(() => postSlackEvent(event));
    expect(webhooks).toEqual([
      expect.objectContaining({
        channel: "slack",
        outcome: "accepted",
        updateId: eventId,
        userId: expect.any(String),
        status: 200,
      }),
    ]);
    expect(raw).not.toContain("slack words");
  });
});

describe("admin action log lines", () => {
  it("log a changing admin request with its action and status, refused or not", async () => {
    const { admin } = await captureLogLines(() =>
      adminFetch("/api/identities/telegram%3A1", { method: "DELETE" }),
    );
    expect(admin).toEqual([
      expect.objectContaining({
        action: "identity.revoke",
        status: 404,
        durationMs: expect.any(Number),
      }),
    ]);
  });
});
