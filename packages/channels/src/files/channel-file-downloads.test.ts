import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../../../tests/fakes/fake-slack.ts";
import { type FakeTelegram, startFakeTelegram } from "../../../../tests/fakes/fake-telegram.ts";
import { samplePng } from "../../../../tests/fakes/media-samples.ts";
import { ChannelFileError } from "./channel-file-error";
import { downloadSlackFile } from "./download-slack-file";
import { downloadTelegramFile } from "./download-telegram-file";

const TOKEN = "123456:media-test-token";
const MB = 1024 * 1024;

let telegram: FakeTelegram;
let slack: FakeSlack;

beforeAll(async () => {
  telegram = await startFakeTelegram({ token: TOKEN });
  slack = await startFakeSlack();
});

afterAll(async () => {
  await Promise.all([telegram.close(), slack.close()]);
});

async function problemOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ChannelFileError))
    throw new Error(`expected a ChannelFileError, got ${String(error)}`);
  return error.problem;
}

describe("downloadTelegramFile against the fake Bot API", () => {
  const download = (fileId: string, maxBytes = 20 * MB) =>
    downloadTelegramFile({ token: TOKEN, apiBaseUrl: telegram.url, fileId, maxBytes, fetch });

  it("fetches a file through getFile and the file path", async () => {
    const bytes = samplePng(4, 4);
    telegram.putFile({ fileId: "photo-1", bytes, fileName: "a.png" });
    const result = await download("photo-1");
    expect(Buffer.from(result.bytes)).toEqual(bytes);
    expect(result.filePath).toMatch(/^photos\/file_\d+\.png$/);
  });

  it("turns Telegram's 'file is too big' into too_big, and an unknown file_id into gone", async () => {
    telegram.putFile({ fileId: "huge", size: 21 * MB });
    expect(await problemOf(download("huge"))).toBe("too_big");
    expect(await problemOf(download("no-such-file"))).toBe("gone");
  });

  it("stops at our own cap even when Telegram would serve the file", async () => {
    telegram.putFile({ fileId: "medium", bytes: Buffer.alloc(2048) });
    expect(await problemOf(download("medium", 1024))).toBe("too_big");
  });

  it("is refused a file path with the wrong token", async () => {
    telegram.putFile({ fileId: "photo-2", bytes: samplePng(2, 2) });
    const wrong = downloadTelegramFile({
      token: "999:wrong",
      apiBaseUrl: telegram.url,
      fileId: "photo-2",
      maxBytes: MB,
      fetch,
    });
    expect(await problemOf(wrong)).toBe("unavailable");
  });
});

describe("downloadSlackFile against the fake Slack", () => {
  it("downloads with the bot token and is sent to the sign-in page without it", async () => {
    const url = slack.shareFile({
      fileId: "F1",
      name: "a.png",
      mimeType: "image/png",
      bytes: samplePng(3, 3),
    });
    const origin = new URL(url).origin;
    const ok = await downloadSlackFile({
      botToken: slack.token,
      url,
      trustedOrigins: [origin],
      maxBytes: MB,
      fetch,
    });
    expect(Buffer.from(ok)).toEqual(samplePng(3, 3));
    const refused = downloadSlackFile({
      botToken: "xoxb-wrong",
      url,
      trustedOrigins: [origin],
      maxBytes: MB,
      fetch,
    });
    expect(await problemOf(refused)).toBe("refused");
  });

  it("never sends the token to an address that is not Slack's", async () => {
    const url = slack.shareFile({
      fileId: "F2",
      name: "b.png",
      mimeType: "image/png",
      bytes: samplePng(3, 3),
    });
    const before = slack.fileDownloads().length;
    expect(
      await problemOf(downloadSlackFile({ botToken: slack.token, url, maxBytes: MB, fetch })),
    ).toBe("gone");
    expect(slack.fileDownloads()).toHaveLength(before);
  });
});
