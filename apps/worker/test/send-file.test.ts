import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeSlack, fakeTelegram, resetFakes, waitFor } from "./support/fakes";
import { dmEvent, newAllowedSlackUser, postSlackEvent, unique } from "./support/slack-events";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

const WRITE_FILES =
  "mkdir -p pics && printf '%%PDF-1.4 send-file-test' > report.pdf && printf '\\211PNG\\r\\n\\032\\n' > pics/chart.png";

/** The tool results the model saw in the turn whose user message mentions `marker`. */
async function toolResultsMentioning(marker: string): Promise<string> {
  const requests = await fakeModel.requests();
  return requests
    .filter((request) => JSON.stringify(request.body.messages).includes(marker))
    .flatMap((request) => request.body.messages.filter((message) => message.role === "tool"))
    .map((message) => JSON.stringify(message.content))
    .join("\n");
}

describe("send_file", () => {
  it("sends a workspace document and a photo to a Telegram chat, before the answer", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([
      { toolCalls: [{ name: "shell", arguments: { command: WRITE_FILES } }] },
      {
        toolCalls: [
          { name: "send_file", arguments: { path: "report.pdf", caption: "The report" } },
          { name: "send_file", arguments: { path: "/workspace/pics/chart.png" } },
        ],
      },
      { text: "Here they are." },
    ]);
    await postTelegramUpdate(privateTextUpdate(person, "send-file-telegram: send them"));
    const [answer] = await fakeTelegram.waitForMessages(person, 1, 15_000);
    expect(answer?.params.text).toBe("Here they are.");
    const toPerson = (calls: Awaited<ReturnType<typeof fakeTelegram.calls>>) =>
      calls.filter((call) => String(call.params.chat_id) === String(person) && call.status === 200);
    const [document] = toPerson(await fakeTelegram.calls("sendDocument"));
    const [photo] = toPerson(await fakeTelegram.calls("sendPhoto"));
    expect(document?.params.document).toMatchObject({ fileName: "report.pdf", size: 23 });
    expect(document?.params.caption).toBe("The report");
    expect(photo?.params.photo).toMatchObject({ fileName: "chart.png", size: 8 });
    expect(document?.at).toBeLessThanOrEqual(answer?.at ?? 0);
    expect(photo?.at).toBeLessThanOrEqual(answer?.at ?? 0);
  });

  it("answers the model with a clear error for a missing file, a way out and a file too large", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([
      { toolCalls: [{ name: "shell", arguments: { command: "truncate -s 51M big.bin" } }] },
      {
        toolCalls: [
          { name: "send_file", arguments: { path: "missing.pdf" } },
          { name: "send_file", arguments: { path: "../etc/passwd" } },
          { name: "send_file", arguments: { path: "big.bin" } },
        ],
      },
      { text: "Could not send them." },
    ]);
    await postTelegramUpdate(privateTextUpdate(person, "send-file-errors: send them"));
    await fakeTelegram.waitForMessages(person, 1, 15_000);
    const results = await toolResultsMentioning("send-file-errors");
    expect(results).toContain("There is no file at /workspace/missing.pdf");
    expect(results).toContain("../etc/passwd is not a file path inside /workspace");
    expect(results).toContain("files over 50.0 MB cannot be sent");
    const documents = (await fakeTelegram.calls("sendDocument")).filter(
      (call) => String(call.params.chat_id) === String(person),
    );
    expect(documents).toEqual([]);
  });

  it("uploads a workspace file into a Slack conversation", async () => {
    const channel = unique("D");
    await fakeModel.script([
      { toolCalls: [{ name: "shell", arguments: { command: WRITE_FILES } }] },
      { toolCalls: [{ name: "send_file", arguments: { path: "report.pdf" } }] },
      { text: "Uploaded." },
    ]);
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("send-file-slack")));
    await fakeSlack.waitForAnswers(channel, 1, 15_000);
    const files = await waitFor(
      () => fakeSlack.files(),
      (found) => found.some((file) => file.sharedIn?.channel === channel),
      "the uploaded file",
    );
    const file = files.find((found) => found.sharedIn?.channel === channel);
    expect(file).toMatchObject({
      filename: "report.pdf",
      length: 23,
      contentType: "application/pdf",
    });
    expect(Buffer.from(file?.bytesBase64 ?? "", "base64").toString()).toBe(
      "%PDF-1.4 send-file-test",
    );
  });
});
