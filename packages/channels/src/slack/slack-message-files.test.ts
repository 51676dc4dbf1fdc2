import { readFileSync } from "node:fs";
import { inboundMessageSchema } from "@molt/contracts";
import { describe, expect, it } from "vitest";
import { normalizeSlackEvent } from "./normalize-slack-event";
import { slackEventCallbackSchema } from "./slack-event";

const FIXTURES = new URL("../../../../tests/fixtures/slack/", import.meta.url);

function messageOf(fixture: string) {
  const json: unknown = JSON.parse(readFileSync(new URL(`${fixture}.json`, FIXTURES), "utf8"));
  const result = normalizeSlackEvent(slackEventCallbackSchema.parse(json), {
    botUserId: "U0FAKEBOT",
    now: 1,
  });
  if (result.kind !== "message") throw new Error(`expected a message, got: ${result.reason}`);
  return inboundMessageSchema.parse(result.message);
}

describe("Slack files in inbound messages", () => {
  it("takes a file_share message with its image", () => {
    const message = messageOf("file-share-image");
    expect(message.text).toBe("what plant is this?");
    expect(message.attachments).toEqual([
      {
        kind: "image",
        source: {
          channel: "slack",
          fileId: "F0IMG123456",
          urlPrivate:
            "https://files.slack.com/files-pri/T123ABC456-F0IMG123456/download/IMG_2041.jpg",
        },
        fileName: "IMG_2041.jpg",
        mimeType: "image/jpeg",
        size: 146432,
        width: 1280,
        height: 960,
      },
    ]);
  });

  it("reads an audio clip recorded in Slack as a voice note, even without text", () => {
    const message = messageOf("file-share-audio-clip");
    expect(message.text).toBe("");
    expect(message.attachments?.[0]).toMatchObject({ kind: "voice", durationSeconds: 5.2 });
  });

  it("reads a PDF as a document", () => {
    expect(messageOf("file-share-pdf").attachments?.[0]).toMatchObject({
      kind: "document",
      fileName: "Quarterly report.pdf",
      mimeType: "application/pdf",
    });
  });
});
