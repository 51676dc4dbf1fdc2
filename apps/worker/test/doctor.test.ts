import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { type DoctorReport, doctorReportSchema } from "@molt/contracts";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { TEST_TELEGRAM_TOKEN, TEST_WEBHOOK_SECRET } from "../../../tests/setup/test-settings";
import { readWorkerConfig } from "../src/config/worker-config";
import { accessCheck } from "../src/doctor/check-access";
import { DOCTOR_R2_PREFIX } from "../src/doctor/check-r2";
import { resetFakes } from "./support/fakes";
import { adminFetch, adminToken, BASE_URL, fetchWithSettings } from "./support/worker-api";

beforeAll(resetFakes);

async function setTelegramWebhook(url: string): Promise<void> {
  const base = inject("fakeUrls").TELEGRAM_API_BASE_URL;
  const response = await fetch(`${base}/bot${TEST_TELEGRAM_TOKEN}/setWebhook`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url, secret_token: TEST_WEBHOOK_SECRET }),
  });
  expect(response.ok).toBe(true);
}

async function readReport(response: Response): Promise<DoctorReport> {
  expect(response.status).toBe(200);
  return doctorReportSchema.parse(await response.json());
}

function check(report: DoctorReport, name: string) {
  const found = report.checks.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name} check in ${JSON.stringify(report)}`);
  return found;
}

async function runWithSettings(settings: Partial<Record<keyof Env, string>>, url = BASE_URL) {
  return readReport(
    await fetchWithSettings(`${url}/api/doctor`, settings, {
      method: "POST",
      headers: { "Cf-Access-Jwt-Assertion": await adminToken() },
    }),
  );
}

describe("POST /api/doctor", () => {
  it("checks every binding of the test stack, each with its time", async () => {
    await setTelegramWebhook(`${BASE_URL}/webhooks/telegram`);
    const report = await readReport(await adminFetch("/api/doctor", { method: "POST" }));

    expect(report.checks.map((c) => c.name)).toEqual([
      "r2",
      "model",
      "browser",
      "sandbox",
      "telegram",
      "slack",
      "access",
    ]);
    for (const each of report.checks) {
      expect(each.status, `${each.name}: ${each.detail}`).toBe("ok");
      expect(each.durationMs).toBeGreaterThanOrEqual(0);
      expect(each.fix).toBeUndefined();
    }
    expect(report).toMatchObject({ ok: true, where: "deployed" });
    expect(check(report, "model").detail).toMatch(/no AI Gateway/);
    expect(check(report, "sandbox").detail).toMatch(/started user doctor's computer .* in \d+ ms/i);
    expect(check(report, "telegram").detail).toContain("agent.example.com/webhooks/telegram");
    expect(check(report, "slack").detail).toMatch(/every scope/);
    expect(check(report, "access").detail).toMatch(/1 application audience/);

    // The scratch object is gone, and the run is in the audit log.
    expect((await env.WORKSPACES.list({ prefix: DOCTOR_R2_PREFIX })).objects).toEqual([]);
    const audit = (await (await adminFetch("/api/audit")).json()) as {
      entries: { action: string }[];
    };
    expect(audit.entries[0]).toMatchObject({ action: "doctor.run" });
  });

  it("fails Telegram when the webhook points elsewhere, and says how to point it here", async () => {
    await setTelegramWebhook("https://someone-else.example.net/webhooks/telegram");
    const report = await readReport(await adminFetch("/api/doctor", { method: "POST" }));
    const telegram = check(report, "telegram");
    expect(telegram.status).toBe("failed");
    expect(telegram.detail).toContain("someone-else.example.net");
    expect(telegram.fix).toContain(`setup:telegram ${BASE_URL}`);
    expect(report.ok).toBe(false);
  });

  it("skips channels that are not configured instead of failing them", async () => {
    const report = await runWithSettings({
      TELEGRAM_BOT_TOKEN: "",
      TELEGRAM_WEBHOOK_SECRET: "",
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
    });
    expect(check(report, "telegram").status).toBe("skipped");
    expect(check(report, "slack").status).toBe("skipped");
  });

  it("fails a Telegram secret Telegram would refuse, naming the allowed characters", async () => {
    const report = await runWithSettings({ TELEGRAM_WEBHOOK_SECRET: "has spaces and !" });
    const telegram = check(report, "telegram");
    expect(telegram.status).toBe("failed");
    expect(telegram.detail).toContain("16 to 256 characters of A-Z, a-z, 0-9, _ and -");
    expect(telegram.fix).toContain("wrangler secret put TELEGRAM_WEBHOOK_SECRET");
  });

  it("fails the model with the deployed fix when its key is missing", async () => {
    const report = await runWithSettings({ MODEL: "openai/gpt-5-mini", OPENAI_API_KEY: "" });
    const model = check(report, "model");
    expect(model.status).toBe("failed");
    expect(model.fix).toContain("npx -y pnpm@10.34.8 exec wrangler secret put OPENAI_API_KEY");
  });

  it("fails half an AI Gateway configuration", async () => {
    const report = await runWithSettings({
      AI_GATEWAY_ID: "my-gateway",
      AI_GATEWAY_ACCOUNT_ID: "",
    });
    const model = check(report, "model");
    expect(model.status).toBe("failed");
    expect(model.fix).toContain("AI_GATEWAY_ACCOUNT_ID");
  });

  it("fails Access when the team's certs cannot be fetched", async () => {
    // Called directly: a request with this domain would not get past Access in the first place.
    const values = readWorkerConfig({
      ...env,
      ACCESS_TEAM_DOMAIN: `${inject("fakeUrls").ACCESS_TEAM_DOMAIN}/nowhere`,
    }).values;
    const outcome = await accessCheck.run({ env, values, where: "deployed", origin: BASE_URL });
    expect(outcome.status).toBe("failed");
    expect(outcome.detail).toMatch(/HTTP 404/);
    expect(outcome.fix).toContain("wrangler secret put ACCESS_TEAM_DOMAIN");
  });

  it("phrases fixes for .dev.vars locally; the dev model and the Access bypass are fine there", async () => {
    const response = await fetchWithSettings(
      "http://localhost:8787/api/doctor",
      {
        ACCESS_TEAM_DOMAIN: "",
        ACCESS_AUD: "",
        DEV_MODE: "true",
        MODEL: "",
        ANTHROPIC_API_KEY: "",
        SLACK_SIGNING_SECRET: "",
      },
      { method: "POST" },
    );
    const report = await readReport(response);
    expect(report.where).toBe("local");
    expect(check(report, "model")).toMatchObject({ status: "ok" });
    expect(check(report, "model").detail).toMatch(/offline dev model/);
    expect(check(report, "access").status).toBe("skipped");
    const slack = check(report, "slack");
    expect(slack.status).toBe("failed");
    expect(slack.fix).toContain(".dev.vars");
    expect(slack.fix).toContain("`SLACK_SIGNING_SECRET=`");
    expect(slack.fix).toContain("restart npx -y pnpm@10.34.8 dev");
  });

  it("is behind Access like the rest of the API", async () => {
    const response = await exports.default.fetch(`${BASE_URL}/api/doctor`, { method: "POST" });
    expect(response.status).toBe(401);
  });
});
