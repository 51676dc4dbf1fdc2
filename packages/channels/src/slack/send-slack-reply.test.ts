import type { ReplyAddress } from "@molt/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../../../tests/fakes/fake-slack.ts";
import {
  chooseUnfurl,
  postSlackPlaceholder,
  SLACK_WORKING_TEXT,
  sendSlackReply,
} from "./send-slack-reply";
import { createSlackClient } from "./slack-client";

const TOKEN = "xoxb-reply-test-token";
let fakeSlack: FakeSlack;

beforeAll(async () => {
  fakeSlack = await startFakeSlack({ token: TOKEN });
});
beforeEach(() => fakeSlack.reset());
afterAll(() => fakeSlack.close());

const slack = () =>
  createSlackClient({
    token: TOKEN,
    apiBaseUrl: `${fakeSlack.url}/api`,
    fetch,
    sleep: async () => {},
  });

const longAnswer = ["first", "second", "third"]
  .map((name) => `${name}-part ${"x".repeat(3000)}`)
  .join("\n\n");

describe("sendSlackReply", () => {
  it("answers in the thread it is given, as mrkdwn", async () => {
    const address: ReplyAddress = { channel: "slack", chatId: "C1", threadId: "1.5" };
    await sendSlackReply(slack(), address, "Hello **world**");
    expect(fakeSlack.messages("C1")).toMatchObject([{ threadTs: "1.5" }]);
    expect(fakeSlack.messages("C1")[0]?.text.replaceAll("\u200b", "")).toBe("Hello *world*");
  });

  it("replaces the placeholder with the first part and posts the rest", async () => {
    const base: ReplyAddress = { channel: "slack", chatId: "D1" };
    const placeholder = await postSlackPlaceholder(slack(), base);
    expect(fakeSlack.messages("D1")[0]?.text).toBe(SLACK_WORKING_TEXT);
    await sendSlackReply(slack(), { ...base, replaceMessageId: placeholder }, longAnswer);
    const messages = fakeSlack.messages("D1");
    expect(messages.map((m) => m.text.split(" ")[0])).toEqual([
      "first-part",
      "second-part",
      "third-part",
    ]);
    expect(messages[0]).toMatchObject({ ts: placeholder, edits: 1 });
  });

  it("posts the answer when the placeholder was deleted", async () => {
    await sendSlackReply(
      slack(),
      { channel: "slack", chatId: "D2", replaceMessageId: "1.1" },
      "hi",
    );
    expect(fakeSlack.messages("D2").map((m) => m.text)).toEqual(["hi"]);
  });

  it("resumes after the parts already sent, so a retry duplicates nothing", async () => {
    const address: ReplyAddress = { channel: "slack", chatId: "D3" };
    fakeSlack.fail({ method: "chat.postMessage", status: 500, after: 1 });
    let partsSent = 0;
    const progress = {
      get partsSent() {
        return partsSent;
      },
      onPartSent: (sent: number) => {
        partsSent = sent;
      },
    };
    await expect(sendSlackReply(slack(), address, longAnswer, progress)).rejects.toThrow();
    expect(partsSent).toBe(1);
    await sendSlackReply(slack(), address, longAnswer, {
      partsSent,
      onPartSent: progress.onPartSent,
    });
    expect(fakeSlack.messages("D3").map((m) => m.text.split(" ")[0])).toEqual([
      "first-part",
      "second-part",
      "third-part",
    ]);
  });
});

describe("chooseUnfurl", () => {
  it("unfurls a part only when every link in it is one the person sent", () => {
    const theirs = "https://example.org/a";
    expect(chooseUnfurl(`read ${theirs}`, [theirs])).toEqual({
      unfurl_links: true,
      unfurl_media: true,
    });
    expect(chooseUnfurl(`read ${theirs} and https://evil.example/?d=1`, [theirs])).toEqual({
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(chooseUnfurl("no links", [theirs]).unfurl_links).toBe(false);
    expect(chooseUnfurl(`read ${theirs}`, undefined).unfurl_links).toBe(false);
  });
});
