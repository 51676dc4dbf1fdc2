import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeSlack, fakeTelegram, resetFakes } from "./support/fakes";
import {
  dmEvent,
  postSlackCommand,
  postSlackEvent,
  slashCommandBody,
  unique,
} from "./support/slack-events";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

interface Users {
  users: Array<{ userId: string; identities: string[] }>;
}
interface PairingRequests {
  requests: Array<{ code: string; identity: string }>;
}

describe("one person on Telegram and Slack", () => {
  it("links a Slack identity to the Telegram user's agent through pairing approval", async () => {
    // The person is known on Telegram and has talked to the agent there once.
    const telegramId = newAllowedPersonId();
    const telegramMarker = unique("telegram-fact");
    await postTelegramUpdate(privateTextUpdate(telegramId, telegramMarker));
    await fakeTelegram.waitForMessages(telegramId, 1);
    const owner = ((await (await adminFetch("/api/users")).json()) as Users).users.find((user) =>
      user.identities.includes(`telegram:${telegramId}`),
    );
    expect(owner).toBeDefined();

    // The same person writes from Slack as a stranger and gets a pairing code.
    const slackUser = unique("ULINK");
    const channel = unique("D");
    const first = await postSlackEvent(dmEvent(slackUser, channel, unique("slack-hello")));
    expect(await first.json()).toMatchObject({ outcome: "pairing" });
    const identity = `slack:T123ABC456:${slackUser}`;
    const { requests } = (await (await adminFetch("/api/pairing")).json()) as PairingRequests;
    const request = requests.find((r) => r.identity === identity);
    expect(request).toBeDefined();

    // The operator attaches the Slack identity to the existing user.
    const approved = await adminFetch(`/api/pairing/${request?.code}/approve`, {
      method: "POST",
      body: JSON.stringify({ userId: owner?.userId }),
    });
    expect(await approved.json()).toEqual({ userId: owner?.userId, identity });
    const listed = ((await (await adminFetch("/api/users")).json()) as Users).users.find(
      (user) => user.userId === owner?.userId,
    );
    expect(listed?.identities).toEqual(
      expect.arrayContaining([`telegram:${telegramId}`, identity]),
    );

    // From Slack the person now reaches the same agent: its usage counts the Telegram turn.
    const slackMarker = unique("slack-question");
    const accepted = await postSlackEvent(dmEvent(slackUser, channel, slackMarker));
    expect(await accepted.json()).toMatchObject({ outcome: "accepted", userId: owner?.userId });
    await fakeSlack.waitForAnswers(channel, 3); // pairing notice, approval notice, answer
    await postSlackCommand(slashCommandBody(slackUser, channel, "status", "T123ABC456"));
    const replies = await fakeSlack.waitForAnswers(channel, 4);
    expect(replies.at(-1)?.text).toMatch(/Today \(\S+ UTC\): 2 turns/);

    // And back on Telegram, the same agent counts the Slack turn too.
    await postTelegramUpdate(privateTextUpdate(telegramId, "/status"));
    const telegramReplies = await fakeTelegram.waitForMessages(telegramId, 2);
    expect(String(telegramReplies.at(-1)?.params.text)).toMatch(/2 turns/);
    expect(await fakeModel.requestsMentioning(slackMarker)).toHaveLength(1);
  });
});
