import { MediaServiceError, type Transcriber } from "@molt/agent";
import { z } from "zod";

export const OPENAI_API_BASE_URL = "https://api.openai.com/v1";

const transcriptionSchema = z.looseObject({ text: z.string() });
const errorSchema = z.looseObject({ error: z.looseObject({ message: z.string() }) });

/**
 * Transcription through OpenAI's `/audio/transcriptions` (or an OpenAI-compatible server's), for
 * operators who pick it with `TRANSCRIPTION_MODEL=openai/<model>`. A 400 means this file cannot
 * be read (format, size); anything else is the service failing.
 */
export function createOpenAITranscriber(options: {
  model: string;
  apiKey?: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}): Transcriber {
  const base = (options.baseUrl ?? OPENAI_API_BASE_URL).replace(/\/+$/, "");
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async transcribe(audio, file, signal) {
      const form = new FormData();
      form.append(
        "file",
        new Blob([audio], { type: file.mimeType ?? "application/octet-stream" }),
        transcriptionFileName(file),
      );
      form.append("model", options.model);
      const response = await send(`${base}/audio/transcriptions`, {
        method: "POST",
        headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
        body: form,
        signal,
      }).catch(() => {
        throw new MediaServiceError(
          "unavailable",
          "the transcription service could not be reached",
        );
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const message =
          errorSchema.safeParse(body).data?.error.message ?? `HTTP ${response.status}`;
        const problem =
          response.status === 400 || response.status === 413 ? "unreadable" : "unavailable";
        throw new MediaServiceError(problem, `transcription failed (${message.slice(0, 160)})`);
      }
      const parsed = transcriptionSchema.safeParse(body);
      if (!parsed.success)
        throw new MediaServiceError("unavailable", "the transcription answer was not understood");
      return parsed.data.text.trim();
    },
  };
}

/** OpenAI tells formats apart by the file's extension; a Telegram voice note is Ogg. */
function transcriptionFileName(file: { fileName: string; mimeType?: string }): string {
  if (/\.[a-z0-9]{2,5}$/i.test(file.fileName)) return file.fileName.replace(/\.oga$/i, ".ogg");
  const byType: Record<string, string> = {
    "audio/ogg": "ogg",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "video/mp4": "mp4",
    "audio/webm": "webm",
    "audio/wav": "wav",
  };
  return `${file.fileName}.${byType[file.mimeType ?? ""] ?? "ogg"}`;
}
