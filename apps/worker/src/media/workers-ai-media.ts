import {
  type DocumentConverter,
  type ImageDescriber,
  MediaServiceError,
  type Transcriber,
} from "@molt/agent";
import { z } from "zod";

/** Whisper large v3 turbo: multilingual, takes the audio as base64 (docs/decisions.md). */
export const WHISPER_MODEL = "@cf/openai/whisper-large-v3-turbo";

/**
 * The formats `toMarkdown` converts, by extension, from Workers AI's list of supported formats
 * (docs/decisions.md). Pictures are left out: they reach the model as pictures.
 */
const TO_MARKDOWN_EXTENSIONS = new Set([
  "pdf",
  "html",
  "htm",
  "xml",
  "xlsx",
  "xlsm",
  "xlsb",
  "xls",
  "et",
  "ods",
  "csv",
  "docx",
  "odt",
  "numbers",
]);

const VISION_PROMPT =
  "Describe this picture for someone who cannot see it: what it shows, and any text in it, in at most five sentences.";

/** The calls the media path makes to Workers AI, over the binding or the REST API. */
interface WorkersAiCalls {
  run(model: string, input: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>;
  toMarkdown(
    file: { name: string; bytes: Uint8Array; mimeType: string },
    signal?: AbortSignal,
  ): Promise<unknown>;
}

const whisperOutputSchema = z.looseObject({ text: z.string() });
const visionOutputSchema = z.union([
  z.looseObject({ description: z.string() }).transform((value) => value.description),
  z.looseObject({ response: z.string() }).transform((value) => value.response),
]);
const conversionSchema = z.union([
  z.looseObject({ format: z.enum(["markdown", "text"]), data: z.string() }),
  z.looseObject({ format: z.literal("error"), error: z.string() }),
]);

export interface WorkersAiMedia {
  transcriber: Transcriber;
  converter: DocumentConverter;
  /** Only when VISION_MODEL names one. */
  describer?: ImageDescriber;
}

/** The media services on Workers AI: the `AI` binding in production, REST when given a URL. */
export function createWorkersAiMedia(options: {
  ai: Ai;
  restUrl?: string;
  restToken?: string;
  visionModel?: string;
  fetch?: typeof fetch;
}): WorkersAiMedia {
  const calls = options.restUrl
    ? restCalls(
        options.restUrl,
        options.restToken,
        options.fetch ?? ((input, init) => fetch(input, init)),
      )
    : bindingCalls(options.ai);
  const visionModel = options.visionModel;
  return {
    transcriber: {
      async transcribe(audio, _file, signal) {
        const output = await calls
          .run(WHISPER_MODEL, { audio: toBase64(audio) }, signal)
          .catch((error: unknown) => {
            throw asMediaError(error, "transcription");
          });
        const parsed = whisperOutputSchema.safeParse(output);
        if (!parsed.success)
          throw new MediaServiceError("unavailable", "the transcription answer was not understood");
        return parsed.data.text.trim();
      },
    },
    converter: {
      accepts: ({ fileName }) => TO_MARKDOWN_EXTENSIONS.has(extensionOf(fileName)),
      async toMarkdown(document, file, signal) {
        const output = await calls
          .toMarkdown(
            {
              name: file.fileName,
              bytes: document,
              mimeType: file.mimeType ?? "application/octet-stream",
            },
            signal,
          )
          .catch((error: unknown) => {
            throw asMediaError(error, "document conversion");
          });
        const parsed = conversionSchema.safeParse(Array.isArray(output) ? output[0] : output);
        if (!parsed.success)
          throw new MediaServiceError("unavailable", "the conversion answer was not understood");
        if (parsed.data.format === "error") {
          throw new MediaServiceError(
            "unreadable",
            `the file could not be converted (${parsed.data.error})`,
          );
        }
        return parsed.data.data;
      },
    },
    ...(visionModel
      ? {
          describer: {
            async describe(image, _mimeType, signal) {
              const output = await calls
                .run(
                  visionModel,
                  { image: [...image], prompt: VISION_PROMPT, max_tokens: 256 },
                  signal,
                )
                .catch((error: unknown) => {
                  throw asMediaError(error, "image description");
                });
              const parsed = visionOutputSchema.safeParse(output);
              if (!parsed.success)
                throw new MediaServiceError("unavailable", "the description was not understood");
              return parsed.data.trim();
            },
          },
        }
      : {}),
  };
}

function bindingCalls(ai: Ai): WorkersAiCalls {
  return {
    run: (model, input, signal) =>
      // The binding's model names are a closed union; ours come from settings.
      (ai.run as (model: string, input: unknown, options?: unknown) => Promise<unknown>)(
        model,
        input,
        signal ? { signal } : undefined,
      ),
    toMarkdown: ({ name, bytes, mimeType }) =>
      ai.toMarkdown({ name, blob: new Blob([bytes], { type: mimeType }) }),
  };
}

const restEnvelopeSchema = z.looseObject({
  success: z.boolean(),
  result: z.unknown(),
  errors: z.array(z.looseObject({ code: z.number().optional(), message: z.string() })).optional(),
});

/** The REST API of Workers AI (`/ai/run/<model>`, `/ai/tomarkdown`) under `baseUrl`. */
function restCalls(baseUrl: string, token: string | undefined, send: typeof fetch): WorkersAiCalls {
  const base = baseUrl.replace(/\/+$/, "");
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const read = async (response: Response) => {
    const envelope = restEnvelopeSchema.safeParse(await response.json().catch(() => undefined));
    if (!envelope.success)
      throw new WorkersAiRestError(response.status, "an answer that is not JSON");
    if (!response.ok || !envelope.data.success) {
      const message = envelope.data.errors?.map((error) => error.message).join("; ") ?? "";
      throw new WorkersAiRestError(response.status, message);
    }
    return envelope.data.result;
  };
  return {
    async run(model, input, signal) {
      const response = await send(`${base}/ai/run/${model}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...auth },
        body: JSON.stringify(input),
        signal,
      });
      return read(response);
    },
    async toMarkdown({ name, bytes, mimeType }, signal) {
      const form = new FormData();
      form.append("files", new Blob([bytes], { type: mimeType }), name);
      return read(
        await send(`${base}/ai/tomarkdown`, { method: "POST", headers: auth, body: form, signal }),
      );
    },
  };
}

class WorkersAiRestError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`Workers AI answered ${status}${detail ? `: ${detail}` : ""}`);
  }
}

/**
 * A 400 (or the binding's "Invalid or incomplete input") means this file cannot be read; anything
 * else is the service failing, which a later try may not repeat.
 */
function asMediaError(error: unknown, what: string): MediaServiceError {
  const message = error instanceof Error ? error.message : String(error);
  const invalid =
    (error instanceof WorkersAiRestError && error.status === 400) ||
    /invalid or incomplete input|3010|decode/i.test(message);
  return invalid
    ? new MediaServiceError("unreadable", `${what} could not read the file`)
    : new MediaServiceError("unavailable", `${what} failed (${message.slice(0, 160)})`);
}

function extensionOf(fileName: string): string {
  return fileName.split(".").pop()?.toLowerCase() ?? "";
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk) {
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  }
  return btoa(binary);
}
