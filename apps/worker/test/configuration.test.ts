import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, adminToken, BASE_URL, fetchWithSettings } from "./support/worker-api";

interface ConfigCheck {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string[];
  fixHint?: string;
}

describe("configuration", () => {
  it("answers Telegram webhooks with a 503 naming the missing settings", async () => {
    const response = await fetchWithSettings(
      `${BASE_URL}/webhooks/telegram`,
      { TELEGRAM_BOT_TOKEN: "", TELEGRAM_WEBHOOK_SECRET: " " },
      { method: "POST", body: JSON.stringify(privateTextUpdate(1, "hi")) },
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
    const body = (await response.json()) as { admin: string; checks: ConfigCheck[] };
    expect(body.admin).toBe("ops@example.com");
    expect(body.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "telegram", ok: true }),
        expect.objectContaining({ name: "slack", ok: true }),
        expect.objectContaining({
          name: "model",
          ok: true,
          detail:
            "openai-compatible/fake-model; also on offer: openai-compatible/fake-model-large; fallbacks: openai-compatible/fake-model-fallback",
        }),
        expect.objectContaining({ name: "access", ok: true }),
        expect.objectContaining({
          name: "web",
          ok: true,
          detail: expect.stringContaining("web_search: Brave Search"),
        }),
        expect.objectContaining({
          name: "sandbox",
          ok: true,
          detail: expect.stringContaining("local sandbox host"),
        }),
      ]),
    );
    expect(JSON.stringify(body)).not.toContain(env.TELEGRAM_BOT_TOKEN);
    expect(JSON.stringify(body)).not.toContain(env.SLACK_BOT_TOKEN);
  });

  it("shows the received-files row, red and named when one of its settings is malformed", async () => {
    const fine = (await (await adminFetch("/api/config")).json()) as { checks: ConfigCheck[] };
    expect(fine.checks.find((check) => check.name === "media")).toMatchObject({
      ok: true,
      detail: expect.stringContaining("described by @cf/llava-hf/llava-1.5-7b-hf"),
    });
    const response = await fetchWithSettings("http://localhost:8787/api/config", {
      DEV_MODE: "true",
      ACCESS_TEAM_DOMAIN: "",
      ACCESS_AUD: "",
      VISION_MODEL: "llava",
      TRANSCRIPTION_MODEL: "whisper",
    });
    const { checks } = (await response.json()) as { checks: ConfigCheck[] };
    const media = checks.find((check) => check.name === "media");
    expect(media?.ok).toBe(false);
    expect(media?.detail).toContain("VISION_MODEL");
    expect(media?.detail).toContain("TRANSCRIPTION_MODEL");
  });

  it("shows a red Slack row with the .dev.vars lines that fix it locally", async () => {
    const response = await fetchWithSettings("http://localhost:8787/api/config", {
      DEV_MODE: "true",
      ACCESS_TEAM_DOMAIN: "",
      ACCESS_AUD: "",
      SLACK_SIGNING_SECRET: "",
      SLACK_API_BASE_URL: "ftp://nope",
    });
    const { checks } = (await response.json()) as { checks: ConfigCheck[] };
    expect(checks.find((check) => check.name === "slack")).toEqual({
      name: "slack",
      ok: false,
      detail: expect.stringMatching(
        /missing SLACK_SIGNING_SECRET.*SLACK_API_BASE_URL is malformed/,
      ),
      fix: ["SLACK_SIGNING_SECRET=", "SLACK_API_BASE_URL="],
      fixHint: expect.stringMatching(/\.dev\.vars.*restart|restart.*\.dev\.vars/),
    });
    expect(checks.find((check) => check.name === "telegram")).toMatchObject({ ok: true });
  });

  it("says the deployed fix: a secret through pnpm's wrangler, or a var and a deploy", async () => {
    const response = await fetchWithSettings(
      `${BASE_URL}/api/config`,
      { SLACK_SIGNING_SECRET: "", DAILY_TOKEN_LIMIT: "lots" },
      { headers: { "Cf-Access-Jwt-Assertion": await adminToken() } },
    );
    const { checks } = (await response.json()) as { checks: ConfigCheck[] };
    expect(checks.find((check) => check.name === "slack")).toMatchObject({
      fix: ["npx -y pnpm@10.34.8 exec wrangler secret put SLACK_SIGNING_SECRET"],
      fixHint: expect.stringContaining("paste the value"),
    });
    expect(checks.find((check) => check.name === "agent")).toMatchObject({
      fix: ['"DAILY_TOKEN_LIMIT": "…"'],
      fixHint: expect.stringContaining("wrangler.jsonc"),
    });
    expect(JSON.stringify(checks)).not.toContain("`");
  });

  it("answers a webhook of a local stack with the local fix", async () => {
    const response = await fetchWithSettings(
      "http://localhost:8787/webhooks/telegram",
      { TELEGRAM_BOT_TOKEN: "" },
      { method: "POST", body: "{}" },
    );
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain(".dev.vars");
    expect(body.error.message).not.toContain("`");
  });

  it("names a malformed budget or heartbeat setting", async () => {
    const response = await fetchWithSettings("http://localhost:8787/api/config", {
      DEV_MODE: "true",
      ACCESS_TEAM_DOMAIN: "",
      ACCESS_AUD: "",
      DAILY_TOKEN_LIMIT: "lots",
      HEARTBEAT_ACTIVE_HOURS: "morning",
      MAX_RECURRING_REMINDERS: "-1",
      MIN_TASK_INTERVAL_MINUTES: "often",
      VOICE_REPLIES: "sometimes",
      TTS_BASE_URL: "not a url",
      APPROVAL_POLICY: "sometimes",
      APPROVAL_TIMEOUT_MINUTES: "0",
      PUBLIC_URL: "agent.example.com",
    });
    const { checks } = (await response.json()) as { checks: ConfigCheck[] };
    const agent = checks.find((check) => check.name === "agent");
    expect(agent?.ok).toBe(false);
    expect(agent?.detail).toContain("DAILY_TOKEN_LIMIT is malformed");
    expect(agent?.detail).toContain("HEARTBEAT_ACTIVE_HOURS is malformed");
    expect(agent?.detail).toContain("MAX_RECURRING_REMINDERS is malformed");
    expect(agent?.detail).toContain("MIN_TASK_INTERVAL_MINUTES is malformed");
    expect(agent?.detail).toContain("VOICE_REPLIES is malformed");
    expect(agent?.detail).toContain("TTS_BASE_URL is malformed");
    expect(agent?.detail).toContain("APPROVAL_POLICY is malformed");
    expect(agent?.detail).toContain("APPROVAL_TIMEOUT_MINUTES is malformed");
    expect(agent?.detail).toContain("PUBLIC_URL is malformed");
    const fine = await adminFetch("/api/config");
    const fineChecks = ((await fine.json()) as { checks: ConfigCheck[] }).checks;
    expect(fineChecks.find((check) => check.name === "agent")).toMatchObject({
      ok: true,
      detail:
        "no daily token cap, no daily session reset, heartbeat off, at most 20 recurring reminders per person, recurring tasks at most every 60 min, approvals: untrusted, people may add MCP servers",
    });
  });

  it("names a malformed model list, and a model on offer or fallback that cannot be built", async () => {
    const settings = { DEV_MODE: "true", ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "" };
    const malformed = await fetchWithSettings("http://localhost:8787/api/config", {
      ...settings,
      MODELS: "gpt-5, openai-compatible/other",
    });
    const { checks } = (await malformed.json()) as { checks: ConfigCheck[] };
    const model = checks.find((check) => check.name === "model");
    expect(model?.ok).toBe(false);
    expect(model?.detail).toContain("MODELS is malformed");
    expect(model?.fix).toEqual(["MODELS="]);

    const keyless = await fetchWithSettings("http://localhost:8787/api/config", {
      ...settings,
      MODEL_FALLBACKS: "openai/gpt-5-mini",
      OPENAI_API_KEY: "",
    });
    const keylessModel = ((await keyless.json()) as { checks: ConfigCheck[] }).checks.find(
      (check) => check.name === "model",
    );
    expect(keylessModel?.ok).toBe(false);
    expect(keylessModel?.detail).toContain("MODEL_FALLBACKS openai/gpt-5-mini");
    expect(keylessModel?.detail).toContain("OPENAI_API_KEY");

    const fine = await adminFetch("/api/config");
    const fineModel = ((await fine.json()) as { checks: ConfigCheck[] }).checks.find(
      (check) => check.name === "model",
    );
    expect(fineModel).toMatchObject({ ok: true });
    expect(fineModel?.detail).toContain("fallbacks: openai-compatible/");
  });

  it("names a malformed setting and disables only what needs it", async () => {
    const malformed = {
      TELEGRAM_API_BASE_URL: "not a url",
      DEV_MODE: "true",
      ACCESS_TEAM_DOMAIN: "",
      ACCESS_AUD: "",
      WEB_TIMEOUT_SECONDS: "soon",
    };
    const response = await fetchWithSettings("http://localhost:8787/api/config", malformed);
    expect(response.status).toBe(200);
    const { checks } = (await response.json()) as { checks: ConfigCheck[] };
    expect(checks.find((check) => check.name === "telegram")).toMatchObject({
      ok: false,
      detail: expect.stringContaining("TELEGRAM_API_BASE_URL is malformed"),
    });
    expect(checks.find((check) => check.name === "model")).toMatchObject({ ok: true });
    expect(checks.find((check) => check.name === "access")).toMatchObject({
      ok: true,
      detail: expect.stringContaining("not needed locally"),
    });

    expect(checks.find((check) => check.name === "web")).toMatchObject({
      ok: false,
      detail: expect.stringContaining("WEB_TIMEOUT_SECONDS is malformed"),
    });

    const webhook = await fetchWithSettings(`${BASE_URL}/webhooks/telegram`, malformed, {
      method: "POST",
      body: "{}",
    });
    expect(webhook.status).toBe(503);
    expect(await webhook.text()).toContain("TELEGRAM_API_BASE_URL is malformed");
  });
});
