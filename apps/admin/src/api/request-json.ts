import { apiErrorBodySchema } from "@molt/contracts";
import type { z } from "zod";

/** A failed API call, with a message fit to show the operator as is. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** Sent as JSON, unless it is a Blob (a file upload), which is sent as is. */
  body?: unknown;
}

/** Calls the admin API and parses the answer with `schema`; every failure becomes an ApiError. */
export async function requestJson<T>(
  path: string,
  schema: z.ZodType<T>,
  { method = "GET", body }: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      // Cloudflare Access authenticates the admin by its cookies; there is no token to add.
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": contentType(body) },
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("Could not reach the server. Is it running?", 0, "network");
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = apiErrorBodySchema.safeParse(json);
    if (error.success) {
      throw new ApiError(error.data.error.message, response.status, error.data.error.code);
    }
    throw new ApiError(
      `The server answered ${response.status} without details.`,
      response.status,
      "http",
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      `The server's answer to ${path} was not understood.`,
      response.status,
      "invalid_response",
    );
  }
  return parsed.data;
}

function contentType(body: unknown): string {
  if (!(body instanceof Blob)) return "application/json";
  return body.type || "application/octet-stream";
}

/**
 * True when the server has no such API at all (404 for the route, or 501): the page shows the
 * section as not available rather than as an error.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 501) return true;
  return error.status === 404 && error.message.startsWith("No route for");
}

/** The message to show for anything a call threw. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
