import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeTelegram, resetFakes } from "./support/fakes";
import { newPersonId, privateTextUpdate } from "./support/telegram-updates";
import {
  adminFetch,
  adminToken,
  BASE_URL,
  fetchAppDirectly,
  fetchWithSettings,
  postTelegramUpdate,
} from "./support/worker-api";

beforeAll(resetFakes);

const EVIL_ORIGIN = "https://evil.example";
const LOCAL_URL = "http://localhost:8787";
/** What `pnpm dev` runs with: no Access settings, DEV_MODE on. */
const devSettings = { DEV_MODE: "true", ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "" };

/** A stranger's pending pairing code: the target the attacks try to approve. */
async function pendingPairingCode(): Promise<{ code: string; identity: string }> {
  const stranger = newPersonId();
  await postTelegramUpdate(privateTextUpdate(stranger, "let me in"));
  await fakeTelegram.waitForMessages(stranger, 1);
  const response = await adminFetch("/api/pairing");
  const { requests } = (await response.json()) as {
    requests: Array<{ code: string; identity: string; status: string }>;
  };
  const request = requests.find((r) => r.identity === `telegram:${stranger}`);
  if (!request) throw new Error("no pairing request");
  return request;
}

async function isStillPending(code: string): Promise<boolean> {
  const { requests } = (await (await adminFetch("/api/pairing")).json()) as {
    requests: Array<{ code: string; status: string }>;
  };
  return requests.some((r) => r.code === code && r.status === "pending");
}

/** The request a page on another site makes with `<form method=post action=...>` and submit(). */
function crossSiteFormPost(enctype: string, body: string): RequestInit {
  return {
    method: "POST",
    headers: {
      "content-type": enctype,
      origin: EVIL_ORIGIN,
      "sec-fetch-site": "cross-site",
      "sec-fetch-mode": "navigate",
    },
    body,
  };
}

describe("changing admin requests from another site", () => {
  it("refuses a cross-site form post even with the admin's Access credentials", async () => {
    const { code } = await pendingPairingCode();
    // A form with no fields: its empty body reads as `{}`, which approves as a new user.
    const init = crossSiteFormPost("application/x-www-form-urlencoded", "");
    const headers = new Headers(init.headers);
    // Access turns the admin's cookie into this header for any request the browser sends.
    headers.set("Cf-Access-Jwt-Assertion", await adminToken());
    const response = await exports.default.fetch(`${BASE_URL}/api/pairing/${code}/approve`, {
      ...init,
      headers,
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(await isStillPending(code)).toBe(true);
  });

  it("refuses a cross-site form post to the local dev server", async () => {
    const { code } = await pendingPairingCode();
    const init = crossSiteFormPost("application/x-www-form-urlencoded", "");
    const headers = new Headers(init.headers);
    headers.set("cf-connecting-ip", "127.0.0.1");
    const response = await fetchWithSettings(
      `${LOCAL_URL}/api/pairing/${code}/approve`,
      devSettings,
      { ...init, headers },
    );
    expect(response.status).toBe(403);
    expect(await isStillPending(code)).toBe(true);
  });

  it("refuses a text/plain post whose body is JSON (a form with enctype=text/plain)", async () => {
    const { code } = await pendingPairingCode();
    // No Origin: what an old browser, or a privacy extension that strips it, would send.
    const response = await fetchWithSettings(
      `${LOCAL_URL}/api/pairing/${code}/approve`,
      devSettings,
      {
        method: "POST",
        headers: { "content-type": "text/plain", "cf-connecting-ip": "127.0.0.1" },
        body: JSON.stringify({ userId: undefined }),
      },
    );
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    expect(await isStillPending(code)).toBe(true);
  });

  it("refuses a request whose Origin is another site, whatever its content type", async () => {
    const { code } = await pendingPairingCode();
    const response = await exports.default.fetch(`${BASE_URL}/api/pairing/${code}/deny`, {
      method: "POST",
      headers: { origin: EVIL_ORIGIN, "Cf-Access-Jwt-Assertion": await adminToken() },
    });
    expect(response.status).toBe(403);
    expect(await isStillPending(code)).toBe(true);
  });

  it("accepts the admin UI's own requests and non-browser clients such as pnpm chat", async () => {
    const { code } = await pendingPairingCode();
    const fromUi = await exports.default.fetch(`${BASE_URL}/api/pairing/${code}/approve`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: BASE_URL,
        "sec-fetch-site": "same-origin",
        "Cf-Access-Jwt-Assertion": await adminToken(),
      },
      body: "{}",
    });
    expect(fromUi.status).toBe(200);
    const second = await pendingPairingCode();
    const fromTerminal = await fetchWithSettings(
      `${LOCAL_URL}/api/pairing/${second.code}/deny`,
      devSettings,
      { method: "POST", headers: { "cf-connecting-ip": "127.0.0.1" } },
    );
    expect(fromTerminal.status).toBe(200);
  });

  it("accepts a changing request with an empty body and no content type (Run checks, pnpm run doctor)", async () => {
    const { code } = await pendingPairingCode();
    // What a browser's fetch and Node's fetch send for a POST without a body.
    const response = await exports.default.fetch(`${BASE_URL}/api/pairing/${code}/deny`, {
      method: "POST",
      headers: {
        "content-length": "0",
        origin: BASE_URL,
        "sec-fetch-site": "same-origin",
        "Cf-Access-Jwt-Assertion": await adminToken(),
      },
    });
    expect(response.status).toBe(200);
  });

  it("still refuses an untyped body that has content", async () => {
    const { code } = await pendingPairingCode();
    const response = await exports.default.fetch(`${BASE_URL}/api/pairing/${code}/deny`, {
      method: "POST",
      headers: { "Cf-Access-Jwt-Assertion": await adminToken() },
      body: new Blob(["{}"]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(415);
    expect(await isStillPending(code)).toBe(true);
  });
});

describe("DEV_MODE's localhost", () => {
  it("is not granted to a forged Host header from a remote address", async () => {
    const { code } = await pendingPairingCode();
    const response = await fetchWithSettings(
      `${LOCAL_URL}/api/pairing/${code}/approve`,
      devSettings,
      {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "203.0.113.7" },
        body: "{}",
      },
    );
    expect(response.status).toBe(503);
    expect(await isStillPending(code)).toBe(true);
  });

  it("is not granted to a Host header alone, without a connecting address", async () => {
    const request = new Request(`${LOCAL_URL}/api/config`);
    const response = await fetchAppDirectly(request, devSettings);
    expect(response.status).toBe(503);
  });

  it("is not granted to a rebound name that reaches the loopback address", async () => {
    const response = await fetchWithSettings(
      "http://attacker.example:8787/api/config",
      devSettings,
      {
        headers: { "cf-connecting-ip": "127.0.0.1" },
      },
    );
    expect(response.status).toBe(503);
  });

  it("is granted to a loopback client asking for localhost", async () => {
    for (const address of ["127.0.0.1", "::1"]) {
      const response = await fetchWithSettings(`${LOCAL_URL}/api/config`, devSettings, {
        headers: { "cf-connecting-ip": address },
      });
      expect(response.status).toBe(200);
    }
  });
});

describe("admin responses", () => {
  it("forbid framing the admin UI and sniffing, and carry a CSP and a referrer policy", async () => {
    const headers = { "Cf-Access-Jwt-Assertion": await adminToken() };
    for (const path of ["/_admin/", "/api/config"]) {
      const response = await exports.default.fetch(`${BASE_URL}${path}`, { headers });
      expect(response.status).toBe(200);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("carry the headers on refusals too", async () => {
    const response = await exports.default.fetch(`${BASE_URL}/_admin/`);
    expect(response.status).toBe(401);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
