import type { IncomingMessage, ServerResponse } from "node:http";
import { createCallRecorder } from "./call-recorder.ts";
import { readJsonBody, sendJson } from "./fake-http-server.ts";

/** OpenAI's documented limit on `input` for `/audio/speech`. */
export const SPEECH_INPUT_MAX_CHARS = 4096;
const FORMATS: Record<string, string> = {
  mp3: "audio/mpeg",
  opus: "audio/ogg",
  aac: "audio/aac",
  flac: "audio/flac",
  wav: "audio/wav",
  pcm: "audio/pcm",
};

export interface SpeechRequest {
  at: number;
  input: string;
  format: string;
  status: number;
}

/**
 * OpenAI's `POST /v1/audio/speech` on the fake model server: `model`, `voice` and `input`
 * (1-4096 characters) are required, `response_format` picks the audio (mp3 by default); the
 * answer is audio bytes whose header says what they are (an Ogg page for Opus), made from the
 * input so tests can tell two answers apart.
 */
export function createFakeSpeech() {
  const recorder = createCallRecorder<SpeechRequest>();
  const paths = new Set(["/v1/audio/speech", "/audio/speech"]);
  return {
    handles: (method: string | undefined, path: string) => method === "POST" && paths.has(path),
    requests: () => recorder.list(),
    clear: () => recorder.clear(),
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const body = (await readJsonBody(req).catch(() => undefined)) as
        | Record<string, unknown>
        | undefined;
      const input = typeof body?.input === "string" ? body.input : "";
      const format = typeof body?.response_format === "string" ? body.response_format : "mp3";
      const refuse = (message: string) => {
        recorder.record({ at: Date.now(), input, format, status: 400 });
        sendJson(res, 400, { error: { message, type: "invalid_request_error" } });
      };
      if (!body || typeof body.model !== "string" || typeof body.voice !== "string") {
        return refuse("model and voice are required");
      }
      if (input === "" || input.length > SPEECH_INPUT_MAX_CHARS) {
        return refuse(`input must be 1 to ${SPEECH_INPUT_MAX_CHARS} characters`);
      }
      const contentType = FORMATS[format];
      if (!contentType) return refuse(`response_format ${format} is not supported`);
      const header = format === "opus" ? "OggS" : format === "mp3" ? "ID3" : format.toUpperCase();
      const bytes = Buffer.from(`${header}\0fake-speech:${input}`);
      recorder.record({ at: Date.now(), input, format, status: 200 });
      res.writeHead(200, { "content-type": contentType, "content-length": bytes.byteLength });
      res.end(bytes);
    },
  };
}
