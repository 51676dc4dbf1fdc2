import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody, sendJson } from "./fake-http-server.ts";

export const CONTROL_PREFIX = "/__control/";

export interface ControlRequest {
  url: URL;
  /** Parsed JSON body; `{}` for GET or an empty body. */
  body: unknown;
}

export interface ControlReply {
  status?: number;
  body: unknown;
}

/** Keyed by `"<METHOD> <name>"`, e.g. `"GET calls"` for `GET /__control/calls`. */
export type ControlRoutes = Record<
  string,
  (request: ControlRequest) => ControlReply | Promise<ControlReply>
>;

/**
 * Serves the `/__control/*` JSON API that lets tests in another process (workerd) inspect and
 * steer a fake. Returns false when the request is not a control request.
 */
export async function handleControlRequest(
  routes: ControlRoutes,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!url.pathname.startsWith(CONTROL_PREFIX)) return false;
  const key = `${req.method ?? "GET"} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  const route = routes[key];
  if (!route) {
    sendJson(res, 404, { error: `no control route ${key}`, routes: Object.keys(routes) });
    return true;
  }
  let body: unknown;
  try {
    body = req.method === "GET" ? {} : await readJsonBody(req);
  } catch {
    sendJson(res, 400, { error: "control body must be JSON" });
    return true;
  }
  try {
    const reply = await route({ url, body });
    sendJson(res, reply.status ?? 200, reply.body);
  } catch (error) {
    // Bad input to a control route is a test bug; say which, rather than a generic 500.
    sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
  return true;
}

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

export function optionalNumber(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new Error(`${what} must be a number`);
  return value;
}

export function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new Error(`${what} must be a string`);
  return value;
}
