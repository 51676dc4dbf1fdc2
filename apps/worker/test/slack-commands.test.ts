import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeSlack, resetFakes, waitFor } from "./support/fakes";
import {
  dmEvent,
  newAllowedSlackUser,
  postSlackCommand,
  postSlackEvent,
  slashCommandBody,
  unique,
} from "./support/slack-events";

beforeAll(resetFakes);

const TEAM = "T123ABC456";

describe("Slack slash command /agent", () => {
  it("acknowledges at once and answers /agent status through the conversation", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    const response = await postSlackCommand(slashCommandBody(user, channel, "status", TEAM));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    const [reply] = await fakeSlack.waitForAnswers(channel, 1);
    expect(reply?.text).toContain("Model: openai-compatible/fake-model");
    expect(reply?.text).toContain("Session: 0 messages");
  });

  it("/agent new starts a fresh session in the DM", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    await fakeModel.script([{ text: "remember-me-answer" }]);
    await postSlackEvent(dmEvent(user, channel, unique("before")));
    await fakeSlack.waitForAnswers(channel, 1);
    await postSlackCommand(slashCommandBody(user, channel, "new", TEAM));
    const replies = await fakeSlack.waitForAnswers(channel, 2);
    expect(replies[1]?.text).toContain("Started a fresh session");
    const after = unique("after");
    await postSlackEvent(dmEvent(user, channel, after));
    await fakeSlack.waitForAnswers(channel, 3);
    const [request] = await fakeModel.requestsMentioning(after);
    expect(JSON.stringify(request?.body.messages)).not.toContain("remember-me-answer");
  });

  it("/agent stop stops the running turn", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    await fakeModel.script([{ text: "too late", delayMs: 3000 }]);
    await postSlackEvent(dmEvent(user, channel, unique("slow")));
    await waitFor(
      () => fakeSlack.messages(channel),
      (messages) => messages.length >= 1,
      "the placeholder",
    );
    await postSlackCommand(slashCommandBody(user, channel, "stop", TEAM));
    const messages = await waitFor(
      () => fakeSlack.messages(channel),
      (found) => found.some((m) => m.text === "Stopped."),
      "the stop reply",
    );
    // The placeholder says the turn was stopped instead of "working" forever.
    await waitFor(
      () => fakeSlack.messages(channel),
      (found) => found.some((m) => m.text === "(Stopped.)"),
      "the placeholder to be replaced",
    );
    expect(messages.some((m) => m.text.includes("too late"))).toBe(false);
  });

  it("/agent help and an unknown subcommand list the commands", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    await postSlackCommand(slashCommandBody(user, channel, "help", TEAM));
    await postSlackCommand(slashCommandBody(user, channel, "dance", TEAM));
    const replies = await fakeSlack.waitForAnswers(channel, 2);
    for (const reply of replies) {
      expect(reply.text).toContain("/agent new");
      expect(reply.text).toContain("/agent stop");
    }
  });

  it("verifies the signature of the form body", async () => {
    const channel = unique("D");
    const body = slashCommandBody(newAllowedSlackUser(), channel, "status", TEAM);
    const forged = await postSlackCommand(body, { secret: "wrong" });
    expect(forged.status).toBe(401);
    const stale = await postSlackCommand(body, { timestamp: Math.floor(Date.now() / 1000) - 400 });
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeSlack.messages(channel)).toEqual([]);
  });

  it("shows a stranger the pairing code privately instead of posting it", async () => {
    const channel = unique("C");
    const response = await postSlackCommand(
      slashCommandBody(unique("USTRANGER"), channel, "status", TEAM),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toMatch(/pairing code: `[A-Z0-9]{6}`/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeSlack.messages(channel)).toEqual([]);
  });

  it("/agent retry answers a failed turn again", async () => {
    const user = newAllowedSlackUser();
    const channel = unique("D");
    // Two attempts, each on the default model and then its fallback.
    await fakeModel.fail({ status: 500, message: "model down", times: 4 });
    const marker = unique("retry-me");
    await postSlackEvent(dmEvent(user, channel, marker));
    const [failure] = await fakeSlack.waitForAnswers(channel, 1, 15_000);
    expect(failure?.text).toContain("/agent retry");
    await postSlackCommand(slashCommandBody(user, channel, "retry", TEAM));
    const answers = await fakeSlack.waitForAnswers(channel, 2, 15_000);
    expect(answers.at(-1)?.text).toContain(`echo: ${marker}`);
  });

  it("rejects a signed body that is not a slash command", async () => {
    const response = await postSlackCommand("text=status");
    expect(response.status).toBe(400);
  });
});
