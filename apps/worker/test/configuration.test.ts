import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, BASE_URL } from "./support/worker-api";

const app = createApp();
const ctx = {
  waitUntil() {},
  passThroughOnException() {},
  props: {},
} as unknown as ExecutionContext;

describe("configuration", () => {
  it("answers Telegram webhooks with a 503 naming the missing settings", async () => {
    const unconfigured = { ...env, TELEGRAM_BOT_TOKEN: "", TELEGRAM_WEBHOOK_SECRET: " " };
    const response = await app.fetch(
      new Request(`${BASE_URL}/webhooks/telegram`, {
        method: "POST",
        body: JSON.stringify(privateTextUpdate(1, "hi")),
      }),
      unconfigured,
      ctx,
    );
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_configured");
    expect(body.error.message).toContain("TELEGRAM_BOT_TOKEN");
    expect(body.error.message).toContain("TELEGRAM_WEBHOOK_SECRET");
  });

  it("reports each part's state with the commands that fix what is missing", async () => {
    const response = await adminFetch("/api/config");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      admin: string;
      checks: { name: string; ok: boolean; detail: string; fix?: string[] }[];
    };
    expect(body.admin).toBe("ops@example.com");
    expect(body.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "telegram", ok: true }),
        expect.objectContaining({
          name: "model",
          ok: true,
          detail: "openai-compatible/fake-model",
        }),
      ]),
    );
    expect(JSON.stringify(body)).not.toContain(env.TELEGRAM_BOT_TOKEN);
  });

  it("names a malformed setting and disables only what needs it", async () => {
    const malformed = {
      ...env,
      TELEGRAM_API_BASE_URL: "not a url",
      DEV_MODE: "true",
      ACCESS_TEAM_DOMAIN: "",
      ACCESS_AUD: "",
    };
    const response = await app.fetch(
      new Request("http://localhost:8787/api/config"),
      malformed,
      ctx,
    );
    expect(response.status).toBe(200);
    const { checks } = (await response.json()) as {
      checks: { name: string; ok: boolean; detail: string }[];
    };
    expect(checks.find((check) => check.name === "telegram")).toMatchObject({
      ok: false,
      detail: expect.stringContaining("TELEGRAM_API_BASE_URL is malformed"),
    });
    expect(checks.find((check) => check.name === "model")).toMatchObject({ ok: true });
    expect(checks.find((check) => check.name === "access")).toMatchObject({ ok: false });

    const webhook = await app.fetch(
      new Request(`${BASE_URL}/webhooks/telegram`, { method: "POST", body: "{}" }),
      malformed,
      ctx,
    );
    expect(webhook.status).toBe(503);
    expect(await webhook.text()).toContain("TELEGRAM_API_BASE_URL is malformed");
  });
});
