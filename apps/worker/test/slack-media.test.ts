import { beforeAll, describe, expect, it } from "vitest";
import { samplePdf, samplePng, sampleVoiceNote } from "../../../tests/fakes/media-samples";
import audioClip from "../../../tests/fixtures/slack/file-share-audio-clip.json";
import imageShare from "../../../tests/fixtures/slack/file-share-image.json";
import pdfShare from "../../../tests/fixtures/slack/file-share-pdf.json";
import { fakeModel, fakeSlack, resetFakes } from "./support/fakes";
import { fakeFiles } from "./support/media";
import {
  newAllowedSlackUser,
  postSlackEvent,
  SLACK_BOT_USER,
  unique,
} from "./support/slack-events";

beforeAll(resetFakes);

type FileShare = typeof imageShare;

/** A documented file_share DM from `user`, its file served by the fake Slack at `url`. */
function fileShareEvent(
  fixture: unknown,
  user: string,
  channel: string,
  fileId: string,
  url: string,
) {
  const body = structuredClone(fixture) as FileShare;
  body.event_id = unique("EV");
  body.event.user = user;
  body.event.channel = channel;
  body.event.ts = `${Math.floor(Date.now() / 1000)}.${unique("").replace(/\D/g, "").slice(-6)}`;
  body.event.event_ts = body.event.ts;
  const [file] = body.event.files;
  if (!file) throw new Error("fixture has no file");
  Object.assign(file, { id: fileId, url_private: url, url_private_download: url });
  body.authorizations = [
    { ...body.authorizations[0], user_id: SLACK_BOT_USER, is_bot: true },
  ] as never;
  return body;
}

async function lastUserContent(marker: string): Promise<string> {
  const requests = await fakeModel.requestsMentioning(marker);
  return JSON.stringify(requests.at(-1)?.body.messages.at(-1)?.content ?? "");
}

describe("media from Slack", () => {
  it("downloads a shared image with the bot token and gives it to the model", async () => {
    const channel = unique("D");
    const fileId = unique("FIMG");
    const url = await fakeFiles.shareSlackFile(
      fileId,
      "IMG_2041.jpg",
      "image/jpeg",
      samplePng(128, 96),
    );
    const response = await postSlackEvent(
      fileShareEvent(imageShare, newAllowedSlackUser(), channel, fileId, url),
    );
    expect(response.status).toBe(200);
    await fakeSlack.waitForAnswers(channel, 1);
    expect(await fakeFiles.slackDownloads()).toContain(fileId);
    const content = await lastUserContent("what plant is this?");
    expect(content).toContain("[Photo received: inbox/");
    expect(content).toContain("-img-2041-");
    expect(content).toContain("data:image/png;base64,");
  });

  it("transcribes an audio clip recorded in Slack and quotes what it heard", async () => {
    const channel = unique("D");
    const fileId = unique("FAUD");
    const audio = sampleVoiceNote("book a table for four on friday");
    const url = await fakeFiles.shareSlackFile(fileId, "audio_message.m4a", "audio/mp4", audio);
    await fakeModel.script([{ text: "Which restaurant?" }]);
    await postSlackEvent(fileShareEvent(audioClip, newAllowedSlackUser(), channel, fileId, url));
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    expect(await lastUserContent("table for four")).toContain(
      "What the person said: book a table for four on friday",
    );
    expect(answer?.text).toContain("book a table for four on friday");
    expect(answer?.text).toContain("Which restaurant?");
  });

  it("converts a shared PDF for the model", async () => {
    const channel = unique("D");
    const fileId = unique("FPDF");
    const url = await fakeFiles.shareSlackFile(
      fileId,
      "Quarterly report.pdf",
      "application/pdf",
      samplePdf("Churn fell to 3 percent."),
    );
    await postSlackEvent(fileShareEvent(pdfShare, newAllowedSlackUser(), channel, fileId, url));
    await fakeSlack.waitForAnswers(channel, 1);
    const content = await lastUserContent("Churn fell to 3 percent.");
    expect(content).toContain("summarize this please");
    expect(content).toContain("received file inbox/");
  });

  it("says so when Slack no longer has the file", async () => {
    const channel = unique("D");
    const fileId = unique("FGONE");
    const url = await fakeFiles.shareSlackFile(
      fileId,
      "IMG_9.jpg",
      "image/jpeg",
      samplePng(10, 10),
    );
    // A file id the fake does not know: Slack answers with an error, never the bytes.
    const missing = url.replace(fileId, unique("FNOPE"));
    await postSlackEvent(
      fileShareEvent(imageShare, newAllowedSlackUser(), channel, fileId, missing),
    );
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    expect(answer?.text).toContain("I could not use “IMG_2041.jpg”");
  });
});
