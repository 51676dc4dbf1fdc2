import { z } from "zod";

/** A spoken answer, ready to send as a voice note. */
export interface SpokenAudio {
  bytes: Uint8Array;
  /** `audio/ogg` (Opus): what Telegram shows as a voice note. */
  contentType: string;
  fileName: string;
}

/** Turns answer text into speech (Workers AI in production, any OpenAI-compatible server). */
export interface SpeechSynthesizer {
  synthesize(text: string, signal?: AbortSignal): Promise<SpokenAudio>;
}

export class SpeechError extends Error {
  override readonly name = "SpeechError";
}

const speechErrorSchema = z.looseObject({ error: z.looseObject({ message: z.string() }) });

/**
 * Speech from an OpenAI-compatible `POST {baseUrl}/audio/speech` (OpenAI, a local TTS server,
 * the tests' fake), asked for Opus so the result is a voice note as it is.
 */
export function createOpenAICompatibleSpeech(options: {
  baseUrl: string;
  fetch: typeof fetch;
  apiKey?: string;
  model?: string;
  voice?: string;
}): SpeechSynthesizer {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/audio/speech`;
  return {
    async synthesize(text, signal) {
      const response = await options.fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model ?? "tts-1",
          voice: options.voice ?? "alloy",
          input: text,
          response_format: "opus",
        }),
        ...(signal ? { signal } : {}),
      });
      if (!response.ok) {
        const body = speechErrorSchema.safeParse(await response.json().catch(() => undefined));
        const reason = body.success ? body.data.error.message : `HTTP ${response.status}`;
        throw new SpeechError(`speech failed: ${reason}`);
      }
      return {
        bytes: new Uint8Array(await response.arrayBuffer()),
        contentType: "audio/ogg",
        fileName: "answer.ogg",
      };
    },
  };
}

/**
 * What a voice note says: the answer without Markdown marks, links read as their words, and
 * code left out (a listener cannot use it; the text reply carries it).
 */
export function speakableText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[*_~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
