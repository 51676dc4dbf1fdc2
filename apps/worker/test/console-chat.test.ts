import { env, listDurableObjectIds } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, resetFakes, waitFor } from "./support/fakes";
import { adminFetch } from "./support/worker-api";

beforeAll(resetFakes);

interface Replies {
  replies: { seq: number; text: string }[];
  waiting: number;
  draft?: string;
}

async function send(body: unknown) {
  const response = await adminFetch("/api/chat", { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function repliesAfter(userId: unknown, after: unknown): Promise<Replies> {
  return adminFetch(`/api/chat/${userId}/replies?after=${after}`).then(
    (response) => response.json() as Promise<Replies>,
  );
}

describe("the console channel (/api/chat)", () => {
  it("talks to the operator's own agent, with commands, through the same inbox", async () => {
    const sent = await send({ text: "console-marker-1" });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ status: "accepted", userId: expect.any(String) });
    const { replies } = await waitFor(
      () => repliesAfter(sent.body.userId, sent.body.afterSeq),
      (r) => r.replies.length > 0 && r.waiting === 0,
      "the console reply",
    );
    expect(replies[0]?.text).toContain("echo: console-marker-1");

    const status = await send({ text: "/status" });
    expect(status.body.userId).toBe(sent.body.userId);
    const after = await waitFor(
      () => repliesAfter(status.body.userId, status.body.afterSeq),
      (r) => r.replies.length > 0,
      "the status reply",
    );
    expect(after.replies[0]?.text).toContain("Session: 2 messages");
  });

  it("refuses empty text, unknown fields and unknown users with 4xx", async () => {
    expect((await send({ text: "   " })).status).toBe(400);
    expect((await send({ text: "hi", extra: true })).status).toBe(400);
    const unknown = await send({ text: "hi", userId: "unobody0000" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: "not_found" } });
    expect((await adminFetch("/api/chat/NOT_VALID!/replies")).status).toBe(400);
  });

  it("answers 404 for the replies of an unknown user, without creating an agent for the id", async () => {
    const userId = `unknown-${crypto.randomUUID().slice(0, 8)}`;
    const response = await adminFetch(`/api/chat/${userId}/replies?after=0`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    const wouldBe = env.UserAgent.idFromName(userId);
    const created = await listDurableObjectIds(env.UserAgent);
    expect(created.some((id) => id.equals(wouldBe))).toBe(false);
  });
});

describe("streaming into the console", () => {
  it("shows the answer as a growing draft before the whole reply is in the outbox", async () => {
    const words = Array.from({ length: 30 }, (_, index) => `word${index}`).join(" ");
    await fakeModel.script([{ text: words, chunkDelayMs: 60 }]);
    const sent = await send({ text: "stream-marker" });
    const drafts: string[] = [];
    const done = await waitFor(
      async () => {
        const replies = await repliesAfter(sent.body.userId, sent.body.afterSeq);
        if (replies.draft) drafts.push(replies.draft);
        return replies;
      },
      (r) => r.replies.length > 0 && r.waiting === 0,
      "the streamed reply",
    );
    expect(done.replies[0]?.text).toBe(words);
    expect(done.draft).toBeUndefined();
    // At least one draft was seen part-way: a proper prefix of the final answer.
    const partial = drafts.filter((draft) => draft.length < words.length);
    expect(partial.length).toBeGreaterThan(0);
    for (const draft of drafts) expect(words.startsWith(draft)).toBe(true);
  });
});
