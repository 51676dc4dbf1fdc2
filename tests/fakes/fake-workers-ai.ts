import type { IncomingMessage } from "node:http";
import { createCallRecorder } from "./call-recorder.ts";
import { handleControlRequest } from "./control-routes.ts";
import {
  listenOnLoopback,
  type RunningFakeServer,
  readBody,
  sendJson,
  sleep,
} from "./fake-http-server.ts";
import { audioContainer, heardWords, imageDimensions, pdfText } from "./media-samples.ts";
import { multipartBoundary, parseMultipart } from "./parse-multipart.ts";
import { recordedCallsRoutes } from "./recorded-calls-routes.ts";

export const FAKE_WHISPER_MODEL = "@cf/openai/whisper-large-v3-turbo";

/**
 * What `toMarkdown` converts (the documented list of supported formats), by extension. The fake
 * really converts PDF, HTML, XML and CSV; the Office formats it can only check for the zip
 * container they are, and answers them with the service's per-file error.
 */
const TO_MARKDOWN_EXTENSIONS = new Set([
  "pdf",
  "jpeg",
  "jpg",
  "png",
  "webp",
  "svg",
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

/** Workers AI refuses request bodies over this size (the Workers request limit of the free plan). */
export const WORKERS_AI_MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export interface WorkersAiCall {
  path: string;
  model?: string;
  /** What arrived: audio bytes, file names, image bytes. */
  input: Record<string, unknown>;
  at: number;
  status: number;
}

export interface FakeWorkersAi extends RunningFakeServer {
  calls(): WorkersAiCall[];
  reset(): void;
}

/**
 * A fake of the Workers AI REST API (`/ai/run/<model>`, `/ai/tomarkdown`) for the models the
 * media path uses, answering with Cloudflare's `{ success, result, errors }` envelope. Audio
 * that is not in a container Whisper decodes, and a PDF that is cut or corrupt, fail the way
 * the service fails: a 400 with an error for audio, a `format: "error"` result for documents.
 */
export async function startFakeWorkersAi(options: { port?: number } = {}): Promise<FakeWorkersAi> {
  const recorder = createCallRecorder<WorkersAiCall>();
  let latencyMs = 0;
  const fake = {
    calls: () => recorder.list(),
    reset() {
      recorder.clear();
      latencyMs = 0;
    },
  };
  const routes = recordedCallsRoutes({
    listName: "calls",
    methodRequired: false,
    list: () => recorder.list(),
    waitFor: (_method, count, timeoutMs) => recorder.waitFor(() => true, count, timeoutMs),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    reset: () => fake.reset(),
  });
  const server = await listenOnLoopback(async (req, res, url) => {
    if (await handleControlRequest(routes, req, res, url)) return;
    const body = await readBody(req);
    await sleep(latencyMs);
    const answer = (status: number, reply: unknown, model: string | undefined, input = {}) => {
      recorder.record({ path: url.pathname, model, input, at: Date.now(), status });
      sendJson(res, status, reply);
      return true as const;
    };
    if (body.byteLength > WORKERS_AI_MAX_REQUEST_BYTES) {
      answer(413, failure(413, "Request body too large"), undefined);
    } else if (req.method === "POST" && url.pathname === "/ai/tomarkdown") {
      toMarkdown(req, body, answer);
    } else if (req.method === "POST" && /^\/ai\/run\/@cf\/.+$/.test(url.pathname)) {
      runModel(url.pathname.slice("/ai/run/".length), body, answer);
    } else {
      answer(404, failure(7000, "No route for that URI"), undefined);
    }
  }, options.port);
  return { ...server, ...fake };
}

/** Sends one answer; returns true so a handler can end with `return answer(...)`. */
type Answer = (status: number, reply: unknown, model: string | undefined, input?: object) => true;

function runModel(model: string, body: Buffer, answer: Answer): true {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  } catch {
    return answer(400, failure(5006, "Error: invalid JSON in request body"), model);
  }
  if (model === FAKE_WHISPER_MODEL) {
    if (typeof input.audio !== "string") {
      return answer(400, failure(5006, "Error: required properties at '/' are 'audio'"), model);
    }
    const audio = Buffer.from(input.audio, "base64");
    const container = audioContainer(audio);
    const record = { bytes: audio.byteLength, container };
    if (!container) {
      return answer(
        400,
        failure(3010, "Invalid or incomplete input for the model: failed to decode audio"),
        model,
        record,
      );
    }
    const text = heardWords(audio) ?? "";
    return answer(
      200,
      success({
        text,
        word_count: text === "" ? 0 : text.split(/\s+/).length,
        segments: [],
        transcription_info: { language: "en", language_probability: 0.98, duration: 4 },
      }),
      model,
      record,
    );
  }
  if (Array.isArray(input.image) || typeof input.image === "string") {
    const image = Array.isArray(input.image)
      ? Buffer.from(input.image as number[])
      : Buffer.from(input.image, "base64");
    const size = imageDimensions(image);
    if (!size)
      return answer(400, failure(3010, "Invalid or incomplete input for the model: image"), model);
    return answer(
      200,
      success({ description: `A picture of ${size.width} by ${size.height} pixels.` }),
      model,
      { bytes: image.byteLength },
    );
  }
  return answer(400, failure(5007, `No such model ${model} or task`), model);
}

function toMarkdown(req: IncomingMessage, body: Buffer, answer: Answer): true {
  const boundary = multipartBoundary(req.headers["content-type"]);
  const parts = boundary ? parseMultipart(body, boundary) : undefined;
  const files = parts?.filter((part) => part.name === "files" && part.fileName);
  if (!files || files.length === 0) {
    return answer(400, failure(5006, "Error: no files were given"), undefined);
  }
  const result = files.map((file) => {
    const name = file.fileName ?? "";
    const extension = name.split(".").pop()?.toLowerCase() ?? "";
    const mimeType = file.contentType ?? "application/octet-stream";
    if (!TO_MARKDOWN_EXTENSIONS.has(extension)) {
      return { name, mimeType, format: "error", error: `Unsupported file type: .${extension}` };
    }
    const data = convert(extension, file.data);
    if (data === undefined) {
      return {
        name,
        mimeType,
        format: "error",
        error: `Failed to convert ${name}: the file is corrupt or unreadable`,
      };
    }
    return { name, mimeType, format: "markdown", tokens: Math.ceil(data.length / 4), data };
  });
  return answer(200, success(result), undefined, { files: files.map((file) => file.fileName) });
}

function convert(extension: string, bytes: Buffer): string | undefined {
  if (extension === "pdf") {
    const text = pdfText(bytes);
    return text === undefined ? undefined : text;
  }
  if (extension === "csv") {
    const rows = bytes
      .toString("utf8")
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(","));
    const [head = [], ...rest] = rows;
    return [
      `| ${head.join(" | ")} |`,
      `| ${head.map(() => "---").join(" | ")} |`,
      ...rest.map((row) => `| ${row.join(" | ")} |`),
    ].join("\n");
  }
  if (["html", "htm", "xml", "svg"].includes(extension)) {
    return bytes
      .toString("utf8")
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  }
  // Office files are zip archives; anything else with their name is corrupt.
  return undefined;
}

function success(result: unknown) {
  return { success: true, result, errors: [], messages: [] };
}

function failure(code: number, message: string) {
  return { success: false, result: null, errors: [{ code, message }], messages: [] };
}
