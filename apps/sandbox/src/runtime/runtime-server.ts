import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { CALL_ID_HEADER, callIdSchema, FILE_BUNDLE_CONTENT_TYPE } from "@molt/contracts";
import { isAuthorized } from "./runtime-auth";
import { RuntimeError } from "./runtime-error";
import { type RuntimeServices, runtimeRoutes } from "./runtime-routes";

/** Requests bigger than this are refused: restores are sent in batches well below it. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RuntimeServerOptions {
  token: string;
  services: RuntimeServices;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES)
      throw new RuntimeError("too_large", "The request body is too large.");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (body instanceof Uint8Array) {
    response.writeHead(status, {
      "content-type": FILE_BUNDLE_CONTENT_TYPE,
      "content-length": body.byteLength,
    });
    response.end(body);
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: RuntimeServerOptions,
): Promise<void> {
  try {
    if (!isAuthorized(request.headers.authorization, options.token)) {
      throw new RuntimeError("unauthorized", "Missing or wrong runtime token.");
    }
    const url = new URL(request.url ?? "/", "http://runtime");
    const route = runtimeRoutes.find(
      (candidate) => candidate.method === request.method && candidate.pattern.test(url.pathname),
    );
    if (!route)
      throw new RuntimeError("not_found", `No route for ${request.method} ${url.pathname}.`);
    const params = route.pattern.exec(url.pathname)?.slice(1) ?? [];
    const body = request.method === "GET" ? Buffer.alloc(0) : await readBody(request);
    // A stopped turn ends long work such as a command: the Worker cancels the call by its id, and
    // a caller that hangs up (the local host passes that on) ends it too.
    const stop = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) stop.abort();
    });
    const callId = callIdSchema.safeParse(request.headers[CALL_ID_HEADER]);
    const release = callId.success
      ? options.services.calls.register(callId.data, stop)
      : () => undefined;
    response.on("close", release);
    const result = await route.handle({
      signal: stop.signal,
      // Decoded only by routes that read JSON: file bundles stay binary.
      get raw() {
        return body.toString("utf8");
      },
      body,
      url,
      params,
      services: options.services,
    });
    send(response, 200, result);
  } catch (error) {
    if (error instanceof RuntimeError) {
      send(response, error.status, { error: { code: error.code, message: error.message } });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    // Filesystem errors the caller can act on are not internal failures.
    if (code === "ENOENT") send(response, 404, { error: { code: "not_found", message } });
    else if (code === "EACCES" || code === "EPERM" || code === "EISDIR" || code === "ENOTDIR") {
      send(response, 400, { error: { code: "bad_request", message } });
    } else send(response, 500, { error: { code: "internal", message } });
  }
}

export function createRuntimeServer(options: RuntimeServerOptions): Server {
  const server = createServer((request, response) => {
    void handle(request, response, options);
  });
  // Long commands hold their request open; the exec timeout bounds them, not the server.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  return server;
}
