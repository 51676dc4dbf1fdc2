import { MediaServiceError, MemoryWorkspaceStore } from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import { describe, expect, it } from "vitest";
import type { FetchAttachment } from "./fetch-attachment";
import { receiveAttachments } from "./receive-attachments";

const MESSAGE: InboundMessage = {
  id: "telegram:update:1",
  channel: "telegram",
  identity: "telegram:1",
  conversationKey: "telegram:1",
  isGroup: false,
  address: { channel: "telegram", chatId: "1" },
  text: "",
  receivedAt: Date.UTC(2026, 0, 5),
  attachments: [
    {
      kind: "voice",
      source: { channel: "telegram", fileId: "v1" },
      mimeType: "audio/ogg",
      size: 4,
      durationSeconds: 2,
    },
  ],
};

function counting() {
  let fetches = 0;
  let transcriptions = 0;
  const fetchAttachment: FetchAttachment = async () => {
    fetches += 1;
    return new Uint8Array([1, 2, 3, 4]);
  };
  const services = {
    transcriber: {
      async transcribe() {
        transcriptions += 1;
        return "hello there";
      },
    },
    converter: {
      accepts: () => false,
      toMarkdown: async () => {
        throw new MediaServiceError("unsupported", "no");
      },
    },
  };
  return { fetchAttachment, services, counts: () => ({ fetches, transcriptions }) };
}

describe("receiveAttachments", () => {
  it("keeps the file and its transcript, so a turn that runs again fetches and transcribes nothing", async () => {
    const workspace = new MemoryWorkspaceStore();
    const { fetchAttachment, services, counts } = counting();
    const options = { workspace, fetchAttachment, services, acceptsImages: true };
    const [first] = await receiveAttachments(MESSAGE, options);
    const [again] = await receiveAttachments(MESSAGE, options);
    expect(first).toMatchObject({
      path: "inbox/2026-01-05-voice-note-28aaa0.ogg",
      transcript: "hello there",
    });
    expect(again).toEqual(first);
    expect(counts()).toEqual({ fetches: 1, transcriptions: 1 });
    expect((await workspace.list("inbox/")).map((entry) => entry.path)).toEqual([
      "inbox/2026-01-05-voice-note-28aaa0.ogg",
      "inbox/2026-01-05-voice-note-28aaa0.ogg.txt",
    ]);
  });

  it("refuses a file over its kind's limit before downloading it", async () => {
    const { fetchAttachment, services, counts } = counting();
    const big = {
      ...MESSAGE,
      attachments: [
        {
          kind: "image" as const,
          source: { channel: "telegram" as const, fileId: "p" },
          size: 12 * 1024 * 1024,
        },
      ],
    };
    const [file] = await receiveAttachments(big, {
      workspace: new MemoryWorkspaceStore(),
      fetchAttachment,
      services,
      acceptsImages: true,
    });
    expect(file?.problem).toBe("that file is 12 MB; the limit for pictures is 10 MB");
    expect(counts().fetches).toBe(0);
  });

  it("says what cannot be read instead of failing: a file that is not a picture", async () => {
    const { fetchAttachment, services } = counting();
    const photo = {
      ...MESSAGE,
      attachments: [
        { kind: "image" as const, source: { channel: "telegram" as const, fileId: "p" } },
      ],
    };
    const [file] = await receiveAttachments(photo, {
      workspace: new MemoryWorkspaceStore(),
      fetchAttachment,
      services,
      acceptsImages: true,
    });
    expect(file?.problem).toContain("not a picture");
    expect(file?.image).toBeUndefined();
  });
});
