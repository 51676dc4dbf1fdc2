import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeTelegram, resetFakes } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

const TELEGRAM_LIMIT = 4096;

describe("Telegram replies", () => {
  it("splits a long answer under 4096 characters without breaking its code block", async () => {
    const person = newAllowedPersonId();
    const code = Array.from({ length: 150 }, (_, i) => `console.log("line ${i}");`).join("\n");
    const prose = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: ${"words ".repeat(20)}`);
    await fakeModel.script([
      { text: `${prose.join("\n\n")}\n\n\`\`\`js\n${code}\n\`\`\`\n\nThe end.` },
    ]);
    await postTelegramUpdate(privateTextUpdate(person, "long please"));
    const replies = await fakeTelegram.waitForMessages(person, 3);
    for (const reply of replies) {
      expect(String(reply.params.text).length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      expect(reply.params.parse_mode).toBe("HTML");
      // Each chunk's <pre> blocks are balanced, as the fake's Telegram parser already checked.
      const text = String(reply.params.text);
      expect(text.split("<pre").length).toBe(text.split("</pre>").length);
    }
    const all = replies.map((r) => String(r.params.text)).join("\n");
    expect(all).toContain("Paragraph 0:");
    expect(all).toContain('console.log("line 149");');
    expect(all).toContain("The end.");
  });

  it("resends as plain text when Telegram refuses the HTML", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([{ text: "Some **bold** answer" }]);
    await fakeTelegram.fail({
      method: "sendMessage",
      times: 1,
      status: 400,
      description: "Bad Request: can't parse entities: unsupported start tag",
    });
    await postTelegramUpdate(privateTextUpdate(person, "fallback please"));
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.parse_mode).toBeUndefined();
    expect(reply?.params.text).toContain("Some **bold** answer");
  });

  it("waits out a 429 with retry_after and then delivers once", async () => {
    const person = newAllowedPersonId();
    await fakeTelegram.fail({ method: "sendMessage", times: 1, status: 429, retryAfter: 1 });
    await postTelegramUpdate(privateTextUpdate(person, "rate-limited"));
    const replies = await fakeTelegram.waitForMessages(person, 1);
    const attempts = (await fakeTelegram.calls("sendMessage")).filter(
      (call) => String(call.params.chat_id) === String(person),
    );
    const [limited, delivered] = attempts;
    expect([limited?.status, delivered?.status]).toEqual([429, 200]);
    expect((delivered?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(replies).toHaveLength(1);
  });

  it("keeps an undelivered reply and delivers it later, exactly once", async () => {
    const person = newAllowedPersonId();
    await fakeTelegram.fail({ method: "sendMessage", times: 1, status: 502 });
    await postTelegramUpdate(privateTextUpdate(person, "outage-marker"));
    const [reply] = await fakeTelegram.waitForMessages(person, 1, 15_000);
    expect(reply?.params.text).toContain("outage-marker");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeTelegram.sentTo(person)).toHaveLength(1);
  });
  it("resumes a multi-part reply after the part that failed, sending no part twice", async () => {
    const person = newAllowedPersonId();
    const parts = ["first", "second", "third"].map((name) => `${name}-part ${"x".repeat(3000)}`);
    await fakeModel.script([{ text: parts.join("\n\n") }]);
    await fakeTelegram.fail({ method: "sendMessage", status: 502, after: 1 });
    await postTelegramUpdate(privateTextUpdate(person, "multi-part please"));
    const replies = await fakeTelegram.waitForMessages(person, 3, 15_000);
    expect(replies.map((reply) => String(reply.params.text).split(" ")[0])).toEqual([
      "first-part",
      "second-part",
      "third-part",
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fakeTelegram.sentTo(person)).toHaveLength(3);
  }, 25_000);
});

describe("model failures", () => {
  it("tells the person plainly and keeps the message for /retry", async () => {
    const person = newAllowedPersonId();
    // Two attempts, each on the default model and then its fallback.
    await fakeModel.fail({ status: 500, message: "upstream exploded", times: 4 });
    const update = privateTextUpdate(person, "retry-marker");
    await postTelegramUpdate(update);
    const [failure] = await fakeTelegram.waitForMessages(person, 1);
    expect(failure?.params.text).toContain("could not answer");
    expect(failure?.params.text).toContain("/retry");
    expect(failure?.params.text).not.toMatch(/at \w+ \(|stack/i);

    // Telegram redelivering the update changes nothing: it is already recorded.
    expect(await (await postTelegramUpdate(update)).json()).toMatchObject({ outcome: "duplicate" });

    await postTelegramUpdate(privateTextUpdate(person, "/retry"));
    const replies = await fakeTelegram.waitForMessages(person, 2);
    expect(replies[1]?.params.text).toContain("echo: retry-marker");
  });
});
