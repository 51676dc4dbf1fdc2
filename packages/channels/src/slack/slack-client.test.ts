import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  FAKE_SLACK_BOT_USER_ID,
  type FakeSlack,
  startFakeSlack,
} from "../../../../tests/fakes/fake-slack.ts";
import { SlackApiError } from "./slack-api-error";
import { slackApprovalBlocks } from "./slack-approval";
import { createSlackClient, type SlackClientOptions } from "./slack-client";
import { uploadSlackFile } from "./upload-slack-file";

const TOKEN = "xoxb-1234-5678-unit-test-token";

let fakeSlack: FakeSlack;
let waits: number[];

beforeAll(async () => {
  fakeSlack = await startFakeSlack({ token: TOKEN });
});

beforeEach(() => {
  fakeSlack.reset();
  waits = [];
});

afterAll(async () => {
  await fakeSlack.close();
});

function client(overrides: Partial<SlackClientOptions> = {}) {
  return createSlackClient({
    token: TOKEN,
    apiBaseUrl: `${fakeSlack.url}/api/`,
    fetch: (...args) => fetch(...args),
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
    },
    ...overrides,
  });
}

describe("createSlackClient", () => {
  it("posts an approval question's blocks, refuses blocks over Block Kit's limits, and posts ephemerally", async () => {
    const slack = client();
    const blocks = slackApprovalBlocks("Allow *shell*?", "aitxt-abc");
    const posted = await slack.postMessage({ channel: "C1", text: "Allow shell?", blocks });
    expect(fakeSlack.messages("C1")[0]?.blocks).toEqual(blocks);
    await slack.updateMessage({ channel: "C1", ts: posted.ts, text: "Denied." });
    expect(fakeSlack.messages("C1")[0]?.blocks).toBeUndefined();
    const tooLong = [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }];
    const refused = await slack
      .postMessage({ channel: "C1", text: "x", blocks: tooLong })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SlackApiError);
    expect(refused).toMatchObject({ error: "invalid_blocks" });
    await slack.postEphemeral({ channel: "C1", user: "U1", text: "Not yours to answer." });
    expect(fakeSlack.ephemerals()).toEqual([
      { channel: "C1", user: "U1", text: "Not yours to answer." },
    ]);
  });

  it("posts and updates messages and knows who the bot is", async () => {
    const slack = client();
    expect((await slack.authTest()).user_id).toBe(FAKE_SLACK_BOT_USER_ID);
    const posted = await slack.postMessage({ channel: "C1", text: "hi", thread_ts: "1.2" });
    await slack.updateMessage({ channel: "C1", ts: posted.ts, text: "hello" });
    expect(fakeSlack.messages("C1")).toMatchObject([
      { ts: posted.ts, threadTs: "1.2", text: "hello", edits: 1 },
    ]);
  });

  it("turns ok:false into a SlackApiError that says whether a retry can help", async () => {
    const error = await client()
      .updateMessage({ channel: "C1", ts: "9.9", text: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ error: "message_not_found", permanent: true });
    fakeSlack.fail({ method: "chat.postMessage", status: 200, error: "internal_error" });
    await expect(client().postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      error: "internal_error",
      permanent: false,
    });
  });

  it("waits out a 429 for Retry-After seconds, then succeeds", async () => {
    fakeSlack.fail({ method: "chat.postMessage", status: 429, retryAfter: 2, times: 2 });
    const posted = await client().postMessage({ channel: "C2", text: "after the wait" });
    expect(waits).toEqual([2000, 2000]);
    expect(fakeSlack.messages("C2").map((m) => m.ts)).toEqual([posted.ts]);
  });

  it("meters chat.update per channel; the no-wait update throws the 429 at once", async () => {
    fakeSlack.setUpdateRate({ max: 1, windowMs: 10_000 });
    const slack = client();
    const posted = await slack.postMessage({ channel: "C4", text: "placeholder" });
    await slack.updateMessageNoWait({ channel: "C4", ts: posted.ts, text: "first" });
    await expect(
      slack.updateMessageNoWait({ channel: "C4", ts: posted.ts, text: "second" }),
    ).rejects.toMatchObject({ status: 429, error: "ratelimited", retryAfter: 10 });
    expect(waits).toEqual([]);
    expect(fakeSlack.messages("C4")).toMatchObject([{ text: "first", edits: 1 }]);
  });

  it("gives up on a 429 that asks for too long a wait, as a retryable error", async () => {
    fakeSlack.fail({ method: "chat.postMessage", status: 429, retryAfter: 120 });
    await expect(client().postMessage({ channel: "C3", text: "x" })).rejects.toMatchObject({
      status: 429,
      retryAfter: 120,
      permanent: false,
    });
    expect(waits).toEqual([]);
  });

  it("never puts the token in an error, whatever fails", async () => {
    const wrongToken = createSlackClient({
      token: "xoxb-wrong-token-1234567",
      apiBaseUrl: `${fakeSlack.url}/api`,
      fetch: (...args) => fetch(...args),
    });
    const refused = await wrongToken.authTest().catch((e: unknown) => e);
    expect(String(refused)).toContain("invalid_auth");
    const broken = client({
      fetch: async () => {
        throw new Error(`connect failed with Bearer ${TOKEN}`);
      },
    });
    const failed = await broken.authTest().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SlackApiError);
    expect(String(failed)).not.toContain(TOKEN);
    // The token travels in the Authorization header only, never in the body.
    await client().postMessage({ channel: "C4", text: "x" });
    expect(JSON.stringify(fakeSlack.calls())).not.toContain(TOKEN);
  });

  it("rejects an answer without the documented fields", async () => {
    const odd = client({
      fetch: async () => Response.json({ ok: true, channel: "C1" }),
    });
    await expect(odd.postMessage({ channel: "C1", text: "x" })).rejects.toThrow(/documented shape/);
  });
});

describe("uploadSlackFile", () => {
  it("uploads an image into a thread in three steps", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const fileId = await uploadSlackFile(client(), {
      channelId: "C5",
      threadTs: "1700000000.000100",
      filename: "screenshot.png",
      bytes,
      contentType: "image/png",
      title: "Screenshot",
      comment: "Here it is",
    });
    const [file] = fakeSlack.files();
    expect(file).toMatchObject({
      id: fileId,
      filename: "screenshot.png",
      contentType: "image/png",
      title: "Screenshot",
      sharedIn: { channel: "C5", threadTs: "1700000000.000100" },
    });
    expect(Array.from(file?.bytes ?? [])).toEqual(Array.from(bytes));
    expect(fakeSlack.calls().map((call) => call.method)).toEqual([
      "files.getUploadURLExternal",
      "upload",
      "files.completeUploadExternal",
    ]);
  });

  it("shares a caption's mentions as text that notifies nobody", async () => {
    await uploadSlackFile(client(), {
      channelId: "C6",
      filename: "screenshot.png",
      bytes: new Uint8Array([1, 2, 3]),
      contentType: "image/png",
      comment: "look <!channel> <@U0VICTIM>",
    });
    const complete = fakeSlack
      .calls()
      .find((call) => call.method === "files.completeUploadExternal");
    expect(complete?.params.initial_comment).toBe("look &lt;!channel&gt; &lt;@U0VICTIM&gt;");
  });

  it("fails when the bytes do not arrive, without sharing the file", async () => {
    fakeSlack.fail({ method: "upload", status: 500 });
    await expect(
      uploadSlackFile(client(), {
        channelId: "C6",
        filename: "a.png",
        bytes: new Uint8Array([1, 2]),
        contentType: "image/png",
      }),
    ).rejects.toMatchObject({ method: "file upload", status: 500, permanent: false });
    expect(fakeSlack.files()[0]?.sharedIn).toBeUndefined();
  });
});
