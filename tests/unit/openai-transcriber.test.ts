import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAITranscriber } from "../../apps/worker/src/media/openai-transcriber.ts";
import { type FakeOpenAI, startFakeOpenAI } from "../fakes/fake-openai.ts";
import { sampleVoiceNote } from "../fakes/media-samples.ts";

const KEY = "sk-transcribe-test";
let openai: FakeOpenAI;

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY });
});

afterAll(async () => {
  await openai.close();
});

function transcriber(options: { apiKey?: string; model?: string } = {}) {
  return createOpenAITranscriber({
    model: options.model ?? "gpt-4o-mini-transcribe",
    apiKey: options.apiKey ?? KEY,
    baseUrl: openai.baseUrl,
  });
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (error: { problem?: string; message?: string }) => ({
      problem: error.problem,
      message: error.message,
    }),
  );
}

describe("OpenAI transcription (TRANSCRIPTION_MODEL=openai/...)", () => {
  it("sends a Telegram voice note as an .ogg file and returns what was said", async () => {
    const text = await transcriber().transcribe(sampleVoiceNote("see you at noon"), {
      fileName: "voice-note",
      mimeType: "audio/ogg",
    });
    expect(text).toBe("see you at noon");
  });

  it("reads a refused format as unreadable, and a wrong key as the service failing", async () => {
    const garbage = new TextEncoder().encode("not audio at all");
    expect(await failure(transcriber().transcribe(garbage, { fileName: "x.ogg" }))).toMatchObject({
      problem: "unreadable",
      message: expect.stringContaining("Invalid file format"),
    });
    const wrongKey = transcriber({ apiKey: "sk-wrong" }).transcribe(sampleVoiceNote("hi"), {
      fileName: "v.ogg",
    });
    expect(await failure(wrongKey)).toMatchObject({ problem: "unavailable" });
  });
});
