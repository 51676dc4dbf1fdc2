import { beforeAll, describe, expect, it } from "vitest";
import urlVerification from "../../../tests/fixtures/slack/url-verification.json";
import { fakeModel, fakeSlack, resetFakes } from "./support/fakes";
import {
  botMessageEvent,
  dmEvent,
  mentionEvent,
  messageChangedEvent,
  newAllowedSlackUser,
  postSlackEvent,
  SLACK_BOT_USER,
  SLACK_TEAM,
  slackHeaders,
  unique,
} from "./support/slack-events";
import { BASE_URL, fetchWithSettings } from "./support/worker-api";

beforeAll(resetFakes);

async function modelTurnsMentioning(marker: string): Promise<number> {
  return (await fakeModel.requestsMentioning(marker)).length;
}

/** Bounded pause that lets a wrongly scheduled second answer show up before counting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe("Slack Events API webhook", () => {
  it("answers url_verification with the challenge", async () => {
    const response = await postSlackEvent(urlVerification);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: urlVerification.challenge });
  });

  it("rejects a forged signature with 401 and records nothing", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    const marker = unique("forged");
    const event = dmEvent(user, channel, marker);
    const forged = await postSlackEvent(event, { secret: "not-the-signing-secret" });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "unauthorized" } });
    const unsigned = await postSlackEvent(event, { signature: null });
    expect(unsigned.status).toBe(401);
    // A valid signature over a different body does not carry over to this one.
    const timestamp = Math.floor(Date.now() / 1000);
    const validForOriginal = (await slackHeaders(JSON.stringify(event), { timestamp }))[
      "X-Slack-Signature"
    ];
    const tampered = await postSlackEvent(event, {
      timestamp,
      rawBody: JSON.stringify({ ...event, event: { ...event.event, text: "changed" } }),
      signature: validForOriginal ?? null,
    });
    expect(tampered.status).toBe(401);
    await settle();
    expect(await modelTurnsMentioning(marker)).toBe(0);
    expect(await fakeSlack.messages(channel)).toEqual([]);
  });

  it("rejects a stale or future timestamp, even when correctly signed", async () => {
    const channel = unique("D");
    const marker = unique("stale");
    const now = Math.floor(Date.now() / 1000);
    // Well past the window: the Worker's clock only moves on I/O, so the exact edge (300 s) is
    // checked in the unit test with an injected clock.
    for (const timestamp of [now - 400, now + 400]) {
      const response = await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, marker), {
        timestamp,
      });
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("five minutes");
    }
    await settle();
    expect(await modelTurnsMentioning(marker)).toBe(0);
  });

  it("turns a DM into one answer in the DM, and a replayed request into none", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    const marker = unique("dm");
    const event = dmEvent(user, channel, marker);
    const first = await postSlackEvent(event);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, outcome: "accepted" });
    // A replay of the very same signed request, within the five-minute window.
    const replay = await postSlackEvent(event);
    expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    expect(answer?.text).toContain(`echo: ${marker}`);
    expect(answer?.threadTs).toBeUndefined();
    await settle();
    expect(await modelTurnsMentioning(marker)).toBe(1);
    expect(await fakeSlack.messages(channel)).toHaveLength(1);
  });

  it("recognises Slack's retries and concurrent duplicates and answers once", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    const marker = unique("retried");
    const event = dmEvent(user, channel, marker);
    const responses = await Promise.all([
      postSlackEvent(event),
      postSlackEvent(event, { retryNum: 1 }),
      postSlackEvent(event, { retryNum: 2 }),
      postSlackEvent(event),
    ]);
    const outcomes = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(outcomes.filter((o) => o === "accepted")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(3);
    await fakeSlack.waitForAnswers(channel, 1);
    const late = await postSlackEvent(event, { retryNum: 3 });
    expect(await late.json()).toMatchObject({ outcome: "duplicate", retry: 3 });
    await settle();
    expect(await modelTurnsMentioning(marker)).toBe(1);
    expect(await fakeSlack.messages(channel)).toHaveLength(1);
  });

  it("ignores bot posts, edits and its own messages, so it never talks to itself", async () => {
    const channel = unique("D");
    const own = dmEvent(SLACK_BOT_USER, channel, unique("own"));
    const withBotId = dmEvent(newAllowedSlackUser(), channel, unique("botid"));
    Object.assign(withBotId.event, { bot_id: "B0FAKEBOT" });
    const join = dmEvent(newAllowedSlackUser(), channel, unique("join"));
    Object.assign(join.event, { subtype: "channel_join" });
    for (const body of [
      botMessageEvent(channel),
      messageChangedEvent(channel),
      own,
      withBotId,
      join,
    ]) {
      const response = await postSlackEvent(body);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, ignored: expect.any(String) });
    }
    await settle();
    expect(await fakeSlack.messages(channel)).toEqual([]);
  });

  it("answers a channel mention in its thread, and a thread reply in the same thread", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("C");
    await fakeModel.script([{ text: "first thread answer" }, { text: "second thread answer" }]);
    const mention = mentionEvent(user, channel, unique("mention"));
    await postSlackEvent(mention);
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    expect(answer?.threadTs).toBe(mention.event.ts);
    expect(answer?.text).toBe("first thread answer");
    // The model saw the text without the mention of the bot.
    const [request] = await fakeModel.requestsMentioning(mention.event.text.split("> ")[1] ?? "");
    expect(JSON.stringify(request?.body.messages.at(-1))).not.toContain(`<@${SLACK_BOT_USER}>`);

    const followUp = mentionEvent(user, channel, unique("follow"), { threadTs: mention.event.ts });
    await postSlackEvent(followUp);
    const answers = await fakeSlack.waitForAnswers(channel, 2);
    expect(answers[1]?.threadTs).toBe(mention.event.ts);
    // Same thread, same conversation: the second turn's history holds the first exchange.
    const [second] = await fakeModel.requestsMentioning(followUp.event.text.split("> ")[1] ?? "");
    expect(JSON.stringify(second?.body.messages)).toContain("first thread answer");
  });

  it("keeps two threads of one channel apart", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("C");
    await fakeModel.script([{ text: "answer in thread A" }, { text: "answer in thread B" }]);
    await postSlackEvent(mentionEvent(user, channel, unique("threadA")));
    await fakeSlack.waitForAnswers(channel, 1);
    const threadB = mentionEvent(user, channel, unique("threadB"));
    await postSlackEvent(threadB);
    await fakeSlack.waitForAnswers(channel, 2);
    const [request] = await fakeModel.requestsMentioning(threadB.event.text.split("> ")[1] ?? "");
    expect(JSON.stringify(request?.body.messages)).not.toContain("answer in thread A");
  });

  it("asks a stranger to pair instead of answering", async () => {
    const channel = unique("D");
    const stranger = unique("USTRANGER");
    const response = await postSlackEvent(dmEvent(stranger, channel, unique("hello")));
    expect(await response.json()).toEqual({ ok: true, outcome: "pairing" });
    const [notice] = await fakeSlack.waitForAnswers(channel, 1);
    expect(notice?.text).toMatch(/pairing code: `[A-Z0-9]{6}`/);
  });

  it("answers 503 naming the missing Slack settings", async () => {
    for (const path of ["/webhooks/slack/events", "/webhooks/slack/commands"]) {
      const response = await fetchWithSettings(
        `${BASE_URL}${path}`,
        { SLACK_SIGNING_SECRET: "", SLACK_BOT_TOKEN: " " },
        { method: "POST", body: JSON.stringify(urlVerification) },
      );
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("not_configured");
      expect(body.error.message).toContain("SLACK_BOT_TOKEN");
      expect(body.error.message).toContain("SLACK_SIGNING_SECRET");
    }
  });

  it("rejects a correctly signed body that is not a Slack request", async () => {
    const response = await postSlackEvent(undefined, { rawBody: "{not json" });
    expect(response.status).toBe(400);
    const wrongShape = await postSlackEvent({ hello: "world" });
    expect(wrongShape.status).toBe(400);
    expect(SLACK_TEAM).toBe("T123ABC456");
  });
});
