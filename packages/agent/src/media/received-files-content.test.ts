import { generateText } from "ai";
import { describe, expect, it } from "vitest";
import { createDevModel } from "../dev-model";
import type { ReceivedFile } from "./received-file";
import { buildReceivedFilesContent } from "./received-files-content";

const PHOTO: ReceivedFile = {
  kind: "image",
  path: "inbox/2026-01-05-photo-43.jpg",
  fileName: "photo-43.jpg",
  mimeType: "image/jpeg",
  size: 146_432,
  width: 1280,
  height: 960,
};

describe("buildReceivedFilesContent", () => {
  it("gives a picture as an image part, and keeps only its name in the history", () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    const built = buildReceivedFilesContent("what plant is this?", [
      { ...PHOTO, image: { bytes, mimeType: "image/jpeg" } },
    ]);
    expect(built.content).toEqual([
      { type: "text", text: "what plant is this?" },
      { type: "text", text: "[Photo received: inbox/2026-01-05-photo-43.jpg, 1280×960, 143 KB]" },
      { type: "image", image: bytes, mediaType: "image/jpeg" },
    ]);
    expect(built.historyContent).toContain("[Photo received: inbox/2026-01-05-photo-43.jpg");
    expect(built.historyContent).not.toContain("/9j/");
    expect(built.untrustedContentEntered).toBe(true);
  });

  it("wraps a document's text as untrusted data and points at the rest", () => {
    const text = `# Report\n\n${"Revenue grew.\n".repeat(2000)}`;
    const built = buildReceivedFilesContent("", [
      {
        kind: "document",
        path: "inbox/2026-01-05-report.pdf",
        fileName: "report.pdf",
        documentText: text,
        documentTextPath: "inbox/2026-01-05-report.pdf.md",
      },
    ]);
    const [part] = built.content;
    expect(part?.type === "text" && part.text).toContain(
      '<web_content source="received file inbox/2026-01-05-report.pdf">',
    );
    expect(part?.type === "text" && part.text).toContain(
      'read_received_file, path "inbox/2026-01-05-report.pdf.md"',
    );
    expect(built.historyContent.length).toBeLessThan(400);
    expect(built.untrustedContentEntered).toBe(true);
  });

  it("lets a voice note's transcript stand as the person's words", () => {
    const built = buildReceivedFilesContent("", [
      { kind: "voice", path: "inbox/v.ogg", fileName: "v.ogg", transcript: "call mum at six" },
    ]);
    expect(built.content).toEqual([
      {
        type: "text",
        text: "[Voice note received: inbox/v.ogg]\nWhat the person said: call mum at six",
      },
    ]);
    expect(built.untrustedContentEntered).toBe(false);
  });
});

describe("the dev model with files", () => {
  it("answers a photo with its size and says it saw the picture", async () => {
    const built = buildReceivedFilesContent("", [
      { ...PHOTO, image: { bytes: new Uint8Array([1, 2, 3]), mimeType: "image/jpeg" } },
    ]);
    const result = await generateText({
      model: createDevModel(),
      messages: [{ role: "user", content: built.content }],
    });
    expect(result.text).toContain(
      "I got a photo, 1280×960, 143 KB (kept as inbox/2026-01-05-photo-43.jpg).",
    );
    expect(result.text).toContain("(1 picture reached me as image input.)");
  });

  it("says what it heard in a voice note and what went wrong with a file", async () => {
    const built = buildReceivedFilesContent("", [
      {
        kind: "voice",
        path: "inbox/v.ogg",
        fileName: "v.ogg",
        durationSeconds: 4,
        transcript: "call mum",
      },
      { kind: "document", path: "inbox/x.pdf", fileName: "x.pdf", problem: "the file is corrupt" },
    ]);
    const result = await generateText({
      model: createDevModel(),
      messages: [{ role: "user", content: built.content }],
    });
    expect(result.text).toContain(
      "I got a voice note, 4 s (kept as inbox/v.ogg). I heard: “call mum”",
    );
    expect(result.text).toContain("I could not read it: the file is corrupt.");
  });
});
