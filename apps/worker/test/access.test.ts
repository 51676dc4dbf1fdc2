import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TEST_ACCESS_AUD } from "../../../tests/setup/test-settings";
import { ACCESS_JWKS_REFETCH_COOLDOWN_MS } from "../src/middleware/access-auth";
import { fakeAccess } from "./support/fakes";
import { BASE_URL, fetchWithSettings } from "./support/worker-api";

function getPairing(token?: string): Promise<Response> {
  return exports.default.fetch(`${BASE_URL}/api/pairing`, {
    headers: token ? { "Cf-Access-Jwt-Assertion": token } : {},
  });
}

const email = "ops@example.com";

describe("Cloudflare Access on /api", () => {
  it("accepts a valid token", async () => {
    const response = await getPairing(await fakeAccess.sign({ aud: TEST_ACCESS_AUD, email }));
    expect(response.status).toBe(200);
  });

  it("answers 401 without a token", async () => {
    const response = await getPairing();
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it.each([
    ["expired", { aud: TEST_ACCESS_AUD, email, expiresInSeconds: -60 }, /expired/],
    ["for another audience", { aud: "someone-else", email }, /aud/],
    ["from another issuer", { aud: TEST_ACCESS_AUD, email, issuer: "https://evil.example" }, /iss/],
    ["unsigned (alg: none)", { aud: TEST_ACCESS_AUD, email, alg: "none" as const }, /rejected/],
    [
      "HMAC-signed with the public key",
      { aud: TEST_ACCESS_AUD, email, alg: "HS256" as const },
      /rejected/,
    ],
    ["signed by a foreign key", { aud: TEST_ACCESS_AUD, email, foreign: true }, /rejected/],
  ])("answers 403 for a token %s", async (_, options, message) => {
    const response = await getPairing(await fakeAccess.sign(options));
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toMatch(message);
  });

  it("answers garbage in the header with 403", async () => {
    expect((await getPairing("not.a.jwt")).status).toBe(403);
  });

  it("caches the key set, and refetches it when a token names a new key", async () => {
    const token = await fakeAccess.sign({ aud: TEST_ACCESS_AUD, email });
    expect((await getPairing(token)).status).toBe(200);
    const before = (await fakeAccess.stats()).certsFetches;
    for (let i = 0; i < 3; i++) expect((await getPairing(token)).status).toBe(200);
    expect((await fakeAccess.stats()).certsFetches).toBe(before);

    await fakeAccess.rotate();
    // Past the refetch cooldown, the unknown kid makes the Worker fetch the new key set once.
    await new Promise((resolve) => setTimeout(resolve, ACCESS_JWKS_REFETCH_COOLDOWN_MS + 200));
    const rotated = await fakeAccess.sign({ aud: TEST_ACCESS_AUD, email });
    expect((await getPairing(rotated)).status).toBe(200);
    expect((await fakeAccess.stats()).certsFetches).toBe(before + 1);
  }, 30_000);

  it("keeps webhooks and /health outside Access", async () => {
    expect((await exports.default.fetch(`${BASE_URL}/health`)).status).toBe(200);
  });
});

describe("without Access settings", () => {
  const unconfigured = { ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "" };

  it("closes /api with a 503 that names the missing settings", async () => {
    const response = await fetchWithSettings(`${BASE_URL}/api/pairing`, unconfigured);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("ACCESS_TEAM_DOMAIN");
    expect(body.error.message).toContain("ACCESS_AUD");
  });

  it("opens /api with DEV_MODE=true for localhost only", async () => {
    const devEnv = { ...unconfigured, DEV_MODE: "true" };
    const local = await fetchWithSettings("http://localhost:8787/api/config", devEnv);
    expect(local.status).toBe(200);
    expect(await local.json()).toMatchObject({ admin: "dev@localhost", devMode: true });
    const remote = await fetchWithSettings(`${BASE_URL}/api/config`, devEnv);
    expect(remote.status).toBe(503);
  });
});

describe("Access audiences and service tokens", () => {
  const serviceToken = { aud: TEST_ACCESS_AUD, commonName: "doctor-client-id.access" };

  it("accepts a token for any audience of a comma list in ACCESS_AUD", async () => {
    const settings = { ACCESS_AUD: ` other-app-aud , ${TEST_ACCESS_AUD}` };
    for (const aud of ["other-app-aud", TEST_ACCESS_AUD]) {
      const token = await fakeAccess.sign({ aud, email });
      const response = await fetchWithSettings(`${BASE_URL}/api/me`, settings, {
        headers: { "Cf-Access-Jwt-Assertion": token },
      });
      expect(response.status).toBe(200);
    }
    const stranger = await fakeAccess.sign({ aud: "third-app-aud", email });
    const refused = await fetchWithSettings(`${BASE_URL}/api/me`, settings, {
      headers: { "Cf-Access-Jwt-Assertion": stranger },
    });
    expect(refused.status).toBe(403);
  });

  it("accepts a service token and names it as such", async () => {
    const token = await fakeAccess.sign(serviceToken);
    const response = await exports.default.fetch(`${BASE_URL}/api/me`, {
      headers: { "Cf-Access-Jwt-Assertion": token },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      email: "service-token:doctor-client-id.access",
      devMode: false,
    });
  });

  it("records a service token's actions under its name in the audit log", async () => {
    const token = await fakeAccess.sign(serviceToken);
    const headers = { "Cf-Access-Jwt-Assertion": token, "content-type": "application/json" };
    const sent = await exports.default.fetch(`${BASE_URL}/api/chat`, {
      method: "POST",
      headers,
      body: JSON.stringify({ text: "/help" }),
    });
    expect(sent.ok).toBe(true);
    const audit = await exports.default.fetch(`${BASE_URL}/api/audit`, { headers });
    const { entries } = (await audit.json()) as { entries: { action: string; actor: string }[] };
    expect(entries[0]).toMatchObject({
      action: "chat.send",
      actor: "service-token:doctor-client-id.access",
    });
  });

  it("refuses a token that names neither a person nor a service token", async () => {
    const token = await fakeAccess.sign({ ...serviceToken, claims: { common_name: "" } });
    const response = await getPairing(token);
    expect(response.status).toBe(403);
  });
});
