import { inboundMessageSchema } from "@molt/contracts";
import { describe, expect, it } from "vitest";
import { loadTelegramFixture } from "./load-telegram-fixture.test-helper";
import { normalizeTelegramUpdate } from "./normalize-telegram-update";

const BOT = { botUsername: "molt_test_bot", botId: 7000000001, now: 1764090000000 };

function messageOf(fixture: string) {
  const result = normalizeTelegramUpdate(loadTelegramFixture(fixture), BOT);
  if (result.kind !== "message") throw new Error(`expected a message, got: ${result.reason}`);
  return inboundMessageSchema.parse(result.message);
}

describe("Telegram media in inbound messages", () => {
  it("takes the largest size of a photo, as a reference to fetch later", () => {
    const message = messageOf("photo");
    expect(message.text).toBe("");
    expect(message.attachments).toEqual([
      {
        kind: "image",
        source: {
          channel: "telegram",
          fileId:
            "AgACAgQAAxkBAAIBK2dGQ1Xq3m9cX8B0rVtJ4hYk7wABAAJtxjEbw4oxUsmL0Vb6oMvFAQADAgADeQADNgQ",
          fileUniqueId: "AQADbcYxG8OKMVJ-",
        },
        mimeType: "image/jpeg",
        size: 98214,
        width: 1280,
        height: 960,
      },
    ]);
  });

  it.each([
    ["voice", "voice", { mimeType: "audio/ogg", durationSeconds: 4, size: 14784 }],
    [
      "audio",
      "audio",
      { fileName: "standup-notes.mp3", mimeType: "audio/mpeg", durationSeconds: 183 },
    ],
    ["video-note", "video_note", { mimeType: "video/mp4", durationSeconds: 7, width: 384 }],
    ["document-pdf", "document", { fileName: "Quarterly report.pdf", size: 48213 }],
    ["document-image", "image", { fileName: "screenshot.png", mimeType: "image/png" }],
  ])("reads a %s message as a %s attachment", (fixture, kind, fields) => {
    const [attachment] = messageOf(fixture).attachments ?? [];
    expect(attachment).toMatchObject({ kind, source: { channel: "telegram" }, ...fields });
  });

  it("keeps a document's caption as the text", () => {
    expect(messageOf("document-pdf").text).toBe("What are the key numbers?");
  });

  it.each([
    ["sticker", '[The person sent an animated sticker 👍 from the set "HotCherry".]'],
    [
      "location",
      "[The person shared a location: 51.50735, -0.12776 (https://www.openstreetmap.org/?mlat=51.507351&mlon=-0.127758).]",
    ],
    ["contact", "[The person shared a contact: Charles Babbage, +442071838750.]"],
    ["poll", '[The person sent a poll: "Lunch?", options "Pizza", "Salad".]'],
  ])("describes a %s in words instead of dropping it", (fixture, text) => {
    const message = messageOf(fixture);
    expect(message.text).toBe(text);
    expect(message.attachments).toBeUndefined();
  });

  it("takes a group photo only when its caption mentions the bot", () => {
    const addressed = messageOf("group-photo-mention");
    expect(addressed.text).toBe("what plant is this?");
    expect(addressed.attachments).toHaveLength(1);
    expect(normalizeTelegramUpdate(loadTelegramFixture("group-photo-not-addressed"), BOT)).toEqual({
      kind: "ignored",
      reason: "group message not addressed to the bot",
    });
  });
});
