import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeTelegram, resetFakes } from "./support/fakes";
import { newAllowedPersonId, newPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

interface PairingRequest {
  code: string;
  identity: string;
  status: string;
}

async function pairingRequestFor(person: number): Promise<PairingRequest | undefined> {
  const response = await adminFetch("/api/pairing");
  expect(response.status).toBe(200);
  const { requests } = (await response.json()) as { requests: PairingRequest[] };
  return requests.find((request) => request.identity === `telegram:${person}`);
}

describe("pairing", () => {
  it("gives a stranger a code, once an hour, and never a model call", async () => {
    const stranger = newPersonId();
    const modelCallsBefore = (await fakeModel.requests()).length;
    const first = await postTelegramUpdate(privateTextUpdate(stranger, "hello?"));
    expect(await first.json()).toMatchObject({ outcome: "pairing" });
    await postTelegramUpdate(privateTextUpdate(stranger, "anyone there?"));

    const [notice] = await fakeTelegram.waitForMessages(stranger, 1);
    const request = await pairingRequestFor(stranger);
    expect(request?.status).toBe("pending");
    expect(notice?.params.text).toContain(request?.code);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeTelegram.sentTo(stranger)).toHaveLength(1);
    expect((await fakeModel.requests()).length).toBe(modelCallsBefore);
  });

  it("approving a code lets the person talk to a new agent of their own", async () => {
    const stranger = newPersonId();
    await postTelegramUpdate(privateTextUpdate(stranger, "let me in"));
    await fakeTelegram.waitForMessages(stranger, 1);
    const request = await pairingRequestFor(stranger);

    const approved = await adminFetch(`/api/pairing/${request?.code.toLowerCase()}/approve`, {
      method: "POST",
    });
    expect(approved.status).toBe(200);
    const { userId } = (await approved.json()) as { userId: string };
    expect(userId).toMatch(/^[a-z0-9]+$/);
    const [, welcome] = await fakeTelegram.waitForMessages(stranger, 2);
    expect(welcome?.params.text).toContain("approved");

    await postTelegramUpdate(privateTextUpdate(stranger, "now-approved-marker"));
    const replies = await fakeTelegram.waitForMessages(stranger, 3);
    expect(replies[2]?.params.text).toContain("echo: now-approved-marker");
    expect(await pairingRequestFor(stranger)).toBeUndefined();
  });

  it("can attach a new identity to an existing user, sharing one agent", async () => {
    const known = newAllowedPersonId();
    await postTelegramUpdate(privateTextUpdate(known, "first-account-fact"));
    await fakeTelegram.waitForMessages(known, 1);
    const users = (await (await adminFetch("/api/users")).json()) as {
      users: Array<{ userId: string; identities: string[] }>;
    };
    const owner = users.users.find((user) => user.identities.includes(`telegram:${known}`));

    const secondAccount = newPersonId();
    await postTelegramUpdate(privateTextUpdate(secondAccount, "second account"));
    await fakeTelegram.waitForMessages(secondAccount, 1);
    const request = await pairingRequestFor(secondAccount);
    const approved = await adminFetch(`/api/pairing/${request?.code}/approve`, {
      method: "POST",
      body: JSON.stringify({ userId: owner?.userId }),
    });
    expect(await approved.json()).toMatchObject({ userId: owner?.userId });

    await postTelegramUpdate(privateTextUpdate(secondAccount, "second-account-question"));
    await fakeTelegram.waitForMessages(secondAccount, 3);
    const listed = (await (await adminFetch("/api/users")).json()) as typeof users;
    expect(listed.users.find((u) => u.userId === owner?.userId)?.identities).toEqual(
      expect.arrayContaining([`telegram:${known}`, `telegram:${secondAccount}`]),
    );
  });

  it("a denied sender is ignored from then on", async () => {
    const stranger = newPersonId();
    await postTelegramUpdate(privateTextUpdate(stranger, "spam"));
    await fakeTelegram.waitForMessages(stranger, 1);
    const request = await pairingRequestFor(stranger);
    expect(
      (await adminFetch(`/api/pairing/${request?.code}/deny`, { method: "POST" })).status,
    ).toBe(200);
    const again = await postTelegramUpdate(privateTextUpdate(stranger, "spam again"));
    expect(await again.json()).toMatchObject({ outcome: "denied" });
    expect(await fakeTelegram.sentTo(stranger)).toHaveLength(1);
  });

  it("answers bad admin input with clear 4xx errors", async () => {
    const unknown = await adminFetch("/api/pairing/ZZZZZZ/approve", { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });

    const malformedCode = await adminFetch("/api/pairing/not-a-code!/approve", { method: "POST" });
    expect(malformedCode.status).toBe(400);

    const badBody = await adminFetch("/api/pairing/ABCDEF/approve", {
      method: "POST",
      body: "{oops",
    });
    expect(badBody.status).toBe(400);
    expect(await badBody.json()).toMatchObject({ error: { code: "invalid_json" } });

    const unknownField = await adminFetch("/api/pairing/ABCDEF/approve", {
      method: "POST",
      body: JSON.stringify({ user: "x" }),
    });
    expect(unknownField.status).toBe(400);
  });
});
