import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "./fake-http-server.ts";
import { audioContainer, heardWords } from "./media-samples.ts";
import { multipartBoundary, parseMultipart } from "./parse-multipart.ts";

/** OpenAI takes audio files up to 25 MB for transcription. */
export const OPENAI_TRANSCRIPTION_MAX_BYTES = 25 * 1024 * 1024;
const MODELS = new Set(["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"]);
const FORMATS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];

function error(res: ServerResponse, status: number, message: string, param: string | null = null) {
  sendJson(res, status, {
    error: { message, type: "invalid_request_error", param, code: null },
  });
}

/**
 * `POST /v1/audio/transcriptions`, multipart with `file` and `model`, as OpenAI answers it: the
 * 25 MB limit, the list of accepted formats (by the file's name and its bytes), unknown models,
 * and `{ text }`. The key has already been checked by the caller.
 */
export async function handleOpenAITranscription(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  if (body.byteLength > OPENAI_TRANSCRIPTION_MAX_BYTES + 64 * 1024) {
    return error(
      res,
      413,
      `Maximum content size limit (${OPENAI_TRANSCRIPTION_MAX_BYTES}) exceeded.`,
    );
  }
  const boundary = multipartBoundary(req.headers["content-type"]);
  const parts = boundary ? parseMultipart(body, boundary) : undefined;
  const file = parts?.find((part) => part.name === "file");
  const model = parts?.find((part) => part.name === "model")?.data.toString("utf8");
  if (!file) return error(res, 400, "you must provide a file parameter", "file");
  if (!model) return error(res, 400, "you must provide a model parameter", "model");
  if (!MODELS.has(model))
    return error(
      res,
      404,
      `The model \`${model}\` does not exist or you do not have access to it.`,
      "model",
    );
  const extension = file.fileName?.split(".").pop()?.toLowerCase() ?? "";
  if (!FORMATS.includes(extension) || !audioContainer(file.data)) {
    return error(
      res,
      400,
      `Invalid file format. Supported formats: ${JSON.stringify(FORMATS)}`,
      "file",
    );
  }
  sendJson(res, 200, { text: heardWords(file.data) ?? "" });
}
