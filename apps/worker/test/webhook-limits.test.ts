import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newPersonId, privateTextUpdate } from "./support/telegram-updates";
import { BASE_URL, fetchWithSettings } from "./support/worker-api";

const SLACK_EVENTS_URL = `${BASE_URL}/webhooks/slack/events`;
const TWO_MEGABYTES = 2 * 1024 * 1024;

describe("Slack webhook body size", () => {
  it("refuses a body over the cap by its declared length, before reading it", async () => {
    const response = await exports.default.fetch(SLACK_EVENTS_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(TWO_MEGABYTES),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("refuses a streamed body with no declared length once it passes the cap", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= TWO_MEGABYTES) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await exports.default.fetch(SLACK_EVENTS_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      // @ts-expect-error: workerd needs `duplex` for a streamed request body like Node does.
      duplex: "half",
    });
    expect(response.status).toBe(413);
  });
});

describe("TELEGRAM_WEBHOOK_SECRET", () => {
  it.each([
    ["too short to be a secret", "abc"],
    ["made of characters Telegram refuses", "a secret with spaces and !"],
    ["longer than Telegram accepts", "a".repeat(257)],
  ])("is a configuration error when %s", async (_, secret) => {
    const response = await fetchWithSettings(
      `${BASE_URL}/webhooks/telegram`,
      { TELEGRAM_WEBHOOK_SECRET: secret },
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "X-Telegram-Bot-Api-Secret-Token": secret,
        },
        body: JSON.stringify(privateTextUpdate(newPersonId(), "guessed the secret")),
      },
    );
    expect(response.status).toBe(503);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toContain("TELEGRAM_WEBHOOK_SECRET is malformed");
    expect(error.message).toContain("A-Z, a-z, 0-9, _ and -");
    expect(error.message).not.toContain("missing");
    expect(error.message).not.toContain(secret);
  });
});
