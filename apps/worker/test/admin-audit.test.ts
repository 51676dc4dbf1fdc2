import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_ACCESS_AUD } from "../../../tests/setup/test-settings";
import { fakeAccess, resetFakes } from "./support/fakes";
import { adminFetch, BASE_URL } from "./support/worker-api";

beforeAll(resetFakes);

interface AuditEntry {
  action: string;
  actor: string;
  target: string;
  detail?: string;
}

async function auditEntries(): Promise<AuditEntry[]> {
  const response = await adminFetch("/api/audit");
  return ((await response.json()) as { entries: AuditEntry[] }).entries;
}

/** A user with a private file and a conversation, made through the console channel. */
async function userWithPrivateData() {
  const email = `audit-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const token = await fakeAccess.sign({ aud: TEST_ACCESS_AUD, email });
  const sent = await exports.default.fetch(`${BASE_URL}/api/chat`, {
    method: "POST",
    headers: { "Cf-Access-Jwt-Assertion": token, "content-type": "application/json" },
    body: JSON.stringify({ text: "a private thought" }),
  });
  const { userId } = (await sent.json()) as { userId: string };
  await adminFetch(`/api/users/${userId}/files/content?path=diary.md`, {
    method: "PUT",
    body: JSON.stringify({ content: "dear diary" }),
  });
  return { userId, conversationKey: `console:${email}` };
}

describe("the audit log", () => {
  it("records the admin reading a person's file", async () => {
    const { userId } = await userWithPrivateData();
    const read = await adminFetch(`/api/users/${userId}/files/content?path=diary.md`);
    expect(read.status).toBe(200);
    expect(await auditEntries()).toContainEqual(
      expect.objectContaining({
        action: "file.read",
        actor: "ops@example.com",
        target: `user:${userId} diary.md`,
      }),
    );
  });

  it("records the admin reading a person's conversation", async () => {
    const { userId, conversationKey } = await userWithPrivateData();
    const read = await adminFetch(
      `/api/users/${userId}/conversations/history?key=${encodeURIComponent(conversationKey)}`,
    );
    expect(read.status).toBe(200);
    expect(await auditEntries()).toContainEqual(
      expect.objectContaining({
        action: "conversation.read",
        target: `user:${userId} ${conversationKey}`,
      }),
    );
  });

  it("records failed Access attempts, with the reason and the address", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const forged = await fakeAccess.sign({
      aud: TEST_ACCESS_AUD,
      email: "x@example.com",
      foreign: true,
    });
    const refused = await exports.default.fetch(`${BASE_URL}/api/users`, {
      headers: { "Cf-Access-Jwt-Assertion": forged, "cf-connecting-ip": address },
    });
    expect(refused.status).toBe(403);
    const missing = await exports.default.fetch(`${BASE_URL}/_admin/`, {
      headers: { "cf-connecting-ip": address },
    });
    expect(missing.status).toBe(401);
    const denied = (await auditEntries()).filter((entry) => entry.action === "access.denied");
    expect(denied).toContainEqual(
      expect.objectContaining({
        actor: "unverified",
        target: "users",
        detail: expect.stringMatching(new RegExp(`rejected.*${address.replace(/\./g, "\\.")}`)),
      }),
    );
    expect(denied).toContainEqual(
      expect.objectContaining({ target: "/_admin/", detail: expect.stringContaining("Missing") }),
    );
    expect(JSON.stringify(denied)).not.toContain(forged);
  });
});
