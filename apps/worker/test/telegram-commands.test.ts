import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeTelegram, resetFakes, waitFor } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

async function say(person: number, text: string) {
  const response = await postTelegramUpdate(privateTextUpdate(person, text));
  expect(response.status).toBe(200);
}

describe("Telegram commands", () => {
  it("/start and /help answer without calling the model", async () => {
    const person = newAllowedPersonId();
    const before = (await fakeModel.requests()).length;
    await say(person, "/start");
    await say(person, "/help");
    const [start, help] = await fakeTelegram.waitForMessages(person, 2);
    expect(start?.params.text).toContain("Ada");
    expect(help?.params.text).toContain("/status");
    expect((await fakeModel.requests()).length).toBe(before);
  });

  it("/status reports the model, the session length and today's tokens", async () => {
    const person = newAllowedPersonId();
    await say(person, "status-warmup");
    await fakeTelegram.waitForMessages(person, 1);
    await say(person, "/status");
    const [, status] = await fakeTelegram.waitForMessages(person, 2);
    const text = String(status?.params.text);
    expect(text).toContain("openai-compatible/fake-model");
    expect(text).toContain("Session: 2 messages");
    expect(text).toMatch(/1 turn, [1-9]\d* input \(\d+ of them cached\) \+ [1-9]\d* output tokens/);
  });

  it("/new starts a session that does not carry the old history", async () => {
    const person = newAllowedPersonId();
    await say(person, "remember-banana");
    await fakeTelegram.waitForMessages(person, 1);
    await say(person, "/new");
    await say(person, "after-new-marker");
    await fakeTelegram.waitForMessages(person, 3);
    const [request] = await fakeModel.requestsMentioning("after-new-marker");
    expect(JSON.stringify(request?.body.messages)).not.toContain("remember-banana");
  });

  it("/stop aborts the running turn at once; its answer never arrives", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([{ text: "too-late-answer", delayMs: 4000 }]);
    await say(person, "slow-question");
    await waitFor(
      () => fakeModel.requestsMentioning("slow-question"),
      (requests) => requests.length === 1,
      "the slow turn to reach the model",
    );
    await say(person, "/stop");
    const [stopped] = await fakeTelegram.waitForMessages(person, 1);
    expect(stopped?.params.text).toBe("Stopped.");

    // The conversation goes on normally after the stop.
    await say(person, "after-stop");
    const replies = await fakeTelegram.waitForMessages(person, 2);
    expect(replies[1]?.params.text).toContain("after-stop");
    await new Promise((resolve) => setTimeout(resolve, 4500));
    const texts = (await fakeTelegram.sentTo(person)).map((call) => call.params.text);
    expect(texts).not.toContain("too-late-answer");
  });

  it("/stop with nothing running says so", async () => {
    const person = newAllowedPersonId();
    await say(person, "/stop");
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.text).toContain("Nothing to stop");
  });
});
