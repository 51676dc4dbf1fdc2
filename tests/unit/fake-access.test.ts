import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeAccess, startFakeAccess } from "../fakes/fake-access.ts";
import { getJson, postJson } from "./fake-test-helpers.ts";

describe("fake Access", () => {
  let access: FakeAccess;
  const aud = "test-aud";

  beforeAll(async () => {
    access = await startFakeAccess();
  });
  afterAll(() => access.close());

  const verify = (token: string) =>
    jwtVerify(token, createRemoteJWKSet(new URL(access.certsUrl)), {
      issuer: access.issuer,
      audience: aud,
      algorithms: ["RS256"],
    });

  it("serves a JWKS that verifies its tokens, also when signed over HTTP", async () => {
    const before = access.stats().certsFetches;
    const { payload, protectedHeader } = await verify(
      await access.signAccessJwt({ aud, email: "ada@example.com" }),
    );
    expect(payload).toMatchObject({
      email: "ada@example.com",
      aud: [aud],
      iss: access.issuer,
      type: "app",
    });
    expect(protectedHeader.kid).toBe(access.currentKid());

    const signed = await postJson(`${access.url}/__control/sign`, {
      aud,
      email: "bob@example.com",
    });
    expect((await verify(signed.json.token)).payload.email).toBe("bob@example.com");
    const stats = await getJson(`${access.url}/__control/stats`);
    expect(stats.certsFetches).toBe(before + 2);
  });

  it.each([
    ["alg none", { alg: "none" as const }],
    ["a foreign key", { foreign: true }],
    ["HS256 keyed with the public key", { alg: "HS256" as const }],
    ["an expired token", { expiresInSeconds: -60 }],
    ["another issuer", { issuer: "https://evil.cloudflareaccess.com" }],
    ["an unknown kid", { kid: "not-a-kid" }],
  ])("produces tokens that fail verification: %s", async (_name, options) => {
    const token = await access.signAccessJwt({ aud, email: "eve@example.com", ...options });
    await expect(verify(token)).rejects.toThrow();
  });

  it("rotates keys and drops the old one", async () => {
    const oldToken = await access.signAccessJwt({ aud, email: "ada@example.com" });
    const oldKid = access.currentKid();
    const rotated = await postJson(`${access.url}/__control/rotate`, {});
    expect(rotated.json.kid).not.toBe(oldKid);
    expect(access.stats().kids).toEqual([rotated.json.kid]);
    await expect(verify(oldToken)).rejects.toThrow();
    const fresh = await access.signAccessJwt({ aud, email: "ada@example.com" });
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.json.kid);
    await expect(verify(fresh)).resolves.toBeTruthy();
  });
});
