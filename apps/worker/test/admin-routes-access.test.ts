import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TEST_ACCESS_AUD } from "../../../tests/setup/test-settings";
import { createApp } from "../src/app";
import { fakeAccess } from "./support/fakes";
import { BASE_URL, fetchWithSettings } from "./support/worker-api";

const email = "ops@example.com";

/** Sample values for route parameters, so every registered route can be called. */
const PARAM_SAMPLES: Record<string, string> = {
  userId: "nobody000000",
  code: "ABC123",
  identity: "telegram:1",
};

/**
 * Every admin route the app registers, read from the app itself, so a route added later is
 * covered without editing this test.
 */
const adminRoutes = createApp()
  .routes.filter((route) => route.method !== "ALL")
  .filter((route) => route.path.startsWith("/api/") || route.path.startsWith("/_admin"))
  .map((route) => ({
    method: route.method,
    path: route.path.replace(
      /:(\w+)(\{[^}]*\})?/g,
      (_, name: string) => PARAM_SAMPLES[name] ?? "x",
    ),
  }));

function call(route: { method: string; path: string }, token?: string) {
  return exports.default.fetch(`${BASE_URL}${route.path}`, {
    method: route.method,
    headers: token ? { "Cf-Access-Jwt-Assertion": token } : {},
  });
}

describe("every admin route is behind Access", () => {
  it("finds the routes to check", () => {
    const listed = adminRoutes.map((route) => `${route.method} ${route.path}`);
    for (const expected of [
      "GET /api/users",
      "GET /api/audit",
      "GET /api/me",
      "PUT /api/users/nobody000000/files/content",
      "POST /api/users/nobody000000/import",
      "GET /api/users/nobody000000/export",
      "POST /api/pairing/ABC123/approve",
      "GET /_admin/*",
    ]) {
      expect(listed).toContain(expected);
    }
  });

  const cases = [
    ["missing", undefined],
    ["expired", { aud: TEST_ACCESS_AUD, email, expiresInSeconds: -60 }],
    ["for another audience", { aud: "someone-else", email }],
    ["from another issuer", { aud: TEST_ACCESS_AUD, email, issuer: "https://evil.example" }],
  ] as const;

  it.each(adminRoutes)("$method $path refuses bad tokens and accepts a good one", async (route) => {
    for (const [what, options] of cases) {
      const token = options ? await fakeAccess.sign(options) : undefined;
      const response = await call(route, token);
      expect(response.status, `${what} token`).toBe(token ? 403 : 401);
    }
    const good = await call(route, await fakeAccess.sign({ aud: TEST_ACCESS_AUD, email }));
    expect([401, 403]).not.toContain(good.status);
    if (good.status === 503) {
      expect(await good.text()).not.toMatch(/Access/);
    }
  });

  it.each(adminRoutes)("$method $path is closed without Access settings", async (route) => {
    const response = await fetchWithSettings(
      `${BASE_URL}${route.path}`,
      {
        ACCESS_TEAM_DOMAIN: "",
        ACCESS_AUD: "",
      },
      { method: route.method },
    );
    expect(response.status).toBe(503);
  });
});

describe("Telegram webhook state without Telegram", () => {
  it("answers 503 naming the missing settings", async () => {
    const response = await fetchWithSettings("http://localhost:8787/api/telegram/webhook", {
      ACCESS_TEAM_DOMAIN: "",
      ACCESS_AUD: "",
      DEV_MODE: "true",
      TELEGRAM_BOT_TOKEN: "",
    });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("TELEGRAM_BOT_TOKEN");
  });
});
