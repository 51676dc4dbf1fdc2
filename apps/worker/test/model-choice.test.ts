import type { AdminOverview, PersonModel } from "@molt/contracts";
import { afterEach, describe, expect, it } from "vitest";
import {
  TEST_FALLBACK_MODEL_NAME,
  TEST_MODEL_NAME,
  TEST_PICKABLE_MODEL_NAME,
} from "../../../tests/setup/test-settings";
import { newConsoleUser } from "./support/console-user";
import { fakeModel, fakeTelegram } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate } from "./support/worker-api";

const DEFAULT = `openai-compatible/${TEST_MODEL_NAME}`;
const PICKABLE = `openai-compatible/${TEST_PICKABLE_MODEL_NAME}`;
const FALLBACK = `openai-compatible/${TEST_FALLBACK_MODEL_NAME}`;

/** Which model names the fake was asked for, for the turns that mention `marker`. */
async function modelsAskedAbout(marker: string): Promise<string[]> {
  return (await fakeModel.requests())
    .filter((request) => JSON.stringify(request.body.messages).includes(marker))
    .map((request) => request.body.model);
}

afterEach(async () => {
  // Failures a test injected but its turn did not use up must not reach the next test.
  await fakeModel.reset();
});

describe("choosing a model", () => {
  it("/model lists the models on offer and switches the person's own", async () => {
    const person = await newConsoleUser("model-pick");
    const list = await person.say("/model");
    expect(list).toContain(`Your model: ${DEFAULT}`);
    expect(list).toContain(`• ${DEFAULT} (yours, default)`);
    expect(list).toContain(`• ${PICKABLE}`);

    expect(await person.say(`/model ${PICKABLE}`)).toBe(`Your model is now ${PICKABLE}.`);
    const marker = `picked-${crypto.randomUUID().slice(0, 8)}`;
    const answer = await person.say(marker);
    expect(answer).toContain(`echo: ${marker}`);
    expect(answer).not.toContain("Answered by");
    expect(await modelsAskedAbout(marker)).toEqual([TEST_PICKABLE_MODEL_NAME]);
    expect(await person.say("/status")).toContain(`Model: ${PICKABLE}`);
  });

  it("/model refuses a model that is not on offer, naming the ones that are", async () => {
    const person = await newConsoleUser("model-refused");
    const refused = await person.say(`/model ${FALLBACK}`);
    expect(refused).toContain(`${FALLBACK} is not one of the models on offer`);
    expect(refused).toContain(`• ${PICKABLE}`);
    expect(await person.say("/model")).toContain(`Your model: ${DEFAULT}`);
  });

  it("the admin API reads and sets a person's model, refusing one not on offer", async () => {
    const person = await newConsoleUser("model-admin");
    await person.say("hello");
    const path = `/api/users/${person.userId}/model`;

    const before = (await (await adminFetch(path)).json()) as PersonModel;
    expect(before).toEqual({
      current: DEFAULT,
      pick: null,
      default: DEFAULT,
      choices: [DEFAULT, PICKABLE],
      fallbacks: [FALLBACK],
    });

    const put = (model: string | null) =>
      adminFetch(path, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model }),
      });
    const refused = await put("openai/not-offered");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      PICKABLE,
    );

    const set = await put(PICKABLE);
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ current: PICKABLE, pick: PICKABLE });
    expect(await person.say("/model")).toContain(`Your model: ${PICKABLE}`);

    expect(await (await put(null)).json()).toMatchObject({ current: DEFAULT, pick: null });
    expect((await adminFetch("/api/users/nobody-here/model")).status).toBe(404);
  });
});

describe("failing over to MODEL_FALLBACKS", () => {
  it("answers from the fallback when the person's model is rate limited, and says so", async () => {
    const person = await newConsoleUser("failover-429");
    await person.say("hello");
    await fakeModel.fail({ status: 429, message: "Rate limit reached", model: TEST_MODEL_NAME });
    const marker = `limited-${crypto.randomUUID().slice(0, 8)}`;
    const answer = await person.say(marker);
    expect(answer).toContain(`echo: ${marker}`);
    expect(answer).toContain(`Answered by ${FALLBACK}`);
    expect(answer).toContain("rate limiting");
    expect(await modelsAskedAbout(marker)).toEqual([TEST_MODEL_NAME, TEST_FALLBACK_MODEL_NAME]);

    // The operator sees which model failed and what the provider said.
    const overview = (await (await adminFetch("/api/overview")).json()) as AdminOverview;
    expect(overview.lastModelError).toMatchObject({
      model: DEFAULT,
      userId: person.userId,
      detail: expect.stringContaining("429"),
    });
  });

  it("moves to the fallback when the model hangs up, without running the turn's tool calls again", async () => {
    const person = newAllowedPersonId();
    const marker = `hangup-${crypto.randomUUID().slice(0, 8)}`;
    // The first step calls a tool; the default model then hangs up on the next step.
    await fakeModel.script([
      { toolCalls: [{ name: "current_time", arguments: { timeZone: "Asia/Tokyo" } }] },
    ]);
    await fakeModel.fail({
      status: 500,
      message: "unused",
      hangUp: true,
      model: TEST_MODEL_NAME,
      after: 1,
      times: 5,
    });
    await postTelegramUpdate(privateTextUpdate(person, marker));
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.text).toContain(`echo: ${marker}`);
    expect(reply?.params.text).toContain(`Answered by ${FALLBACK}`);

    const asked = (await fakeModel.requests()).filter((request) =>
      JSON.stringify(request.body.messages).includes(marker),
    );
    expect(asked.map((request) => request.body.model)).toEqual([
      TEST_MODEL_NAME,
      TEST_MODEL_NAME,
      TEST_FALLBACK_MODEL_NAME,
    ]);
    // The fallback continued from the tool result: the tool ran once, and was not asked again.
    const fallbackMessages = asked.at(-1)?.body.messages ?? [];
    expect(fallbackMessages.filter((message) => message.role === "tool")).toHaveLength(1);
  });

  it("tells the person plainly when no model can answer", async () => {
    const person = await newConsoleUser("failover-none");
    await person.say("hello");
    await fakeModel.fail({ status: 503, message: "overloaded", times: 20 });
    const answer = await person.say(`nobody-${crypto.randomUUID().slice(0, 8)}`);
    expect(answer).toContain("the model could not answer (the model provider answered HTTP 503)");
  });
});
