import { abortAllDurableObjects } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeSlack, fakeTelegram, resetFakes, waitFor } from "./support/fakes";
import { dmEvent, newAllowedSlackUser, postSlackEvent, unique } from "./support/slack-events";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

describe("an agent that dies mid-turn", () => {
  it("runs the acknowledged message again after the crash and answers it once", async () => {
    const person = newAllowedPersonId();
    // The first attempt hangs long enough for the crash; the rerun gets the default echo.
    await fakeModel.script([{ text: "answer-from-the-dead-turn", delayMs: 5000 }]);
    const response = await postTelegramUpdate(privateTextUpdate(person, "crash-marker"));
    expect(await response.json()).toMatchObject({ outcome: "accepted" });
    await waitFor(
      () => fakeModel.requestsMentioning("crash-marker"),
      (requests) => requests.length === 1,
      "the turn to reach the model",
    );

    await abortAllDurableObjects();

    // The agents SDK's queue resumes from its deadman alarm, 30 s after the crash.
    const [reply] = await fakeTelegram.waitForMessages(person, 1, 45_000);
    expect(reply?.params.text).toContain("echo: crash-marker");
    await new Promise((resolve) => setTimeout(resolve, 5500));
    const texts = (await fakeTelegram.sentTo(person)).map((call) => call.params.text);
    expect(texts).toHaveLength(1);
    expect(texts).not.toContain("answer-from-the-dead-turn");
  }, 70_000);

  it("reuses the Slack placeholder of the dead turn, so the answer is still one message", async () => {
    const channel = unique("D");
    const marker = unique("slack-crash");
    await fakeModel.script([{ text: "answer-from-the-dead-slack-turn", delayMs: 5000 }]);
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, marker));
    await waitFor(
      () => fakeModel.requestsMentioning(marker),
      (requests) => requests.length === 1,
      "the Slack turn to reach the model",
    );
    const [placeholder] = await fakeSlack.messages(channel);
    expect(placeholder?.text).toBe("Working on it…");

    await abortAllDurableObjects();

    const [answer] = await fakeSlack.waitForAnswers(channel, 1, 45_000);
    expect(answer).toMatchObject({ ts: placeholder?.ts, text: `echo: ${marker}` });
    await new Promise((resolve) => setTimeout(resolve, 5500));
    expect(await fakeSlack.messages(channel)).toHaveLength(1);
  }, 70_000);
});
