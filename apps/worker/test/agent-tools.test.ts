import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeTelegram, resetFakes } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

describe("the agent loop", () => {
  it("runs a tool the model asks for and answers with its result", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([
      { toolCalls: [{ name: "current_time", arguments: { timeZone: "Asia/Tokyo" } }] },
      { text: "It is late evening in Tokyo." },
    ]);
    await postTelegramUpdate(privateTextUpdate(person, "tool-marker: time in Tokyo?"));
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.text).toBe("It is late evening in Tokyo.");

    const requests = await fakeModel.requests();
    const first = requests.find((r) => JSON.stringify(r.body.messages).includes("tool-marker"));
    const toolNames = ((first?.body.tools ?? []) as { function: { name: string } }[]).map(
      (t) => t.function.name,
    );
    expect(toolNames).toContain("current_time");
    const followUp = requests.find((r) => r.body.messages.some((m) => m.role === "tool"));
    const toolResult = followUp?.body.messages.find((m) => m.role === "tool");
    expect(JSON.stringify(toolResult)).toContain("Asia/Tokyo");
  });

  it("sends the earlier exchange of the session with each new turn", async () => {
    const person = newAllowedPersonId();
    await postTelegramUpdate(privateTextUpdate(person, "my name is Zorblax"));
    await fakeTelegram.waitForMessages(person, 1);
    await postTelegramUpdate(privateTextUpdate(person, "history-marker"));
    await fakeTelegram.waitForMessages(person, 2);
    const [request] = await fakeModel.requestsMentioning("history-marker");
    const roles = request?.body.messages.map((m) => m.role);
    expect(roles).toEqual(["system", "user", "assistant", "user"]);
    expect(JSON.stringify(request?.body.messages)).toContain("echo: my name is Zorblax");
  });
});
