import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../errors";
import { describeIssues } from "./describe-issues";

/**
 * Reads and validates a JSON body; an empty body counts as `{}` for optional-only schemas.
 * `what` names the expected payload in the 400, e.g. "a Telegram update".
 */
export async function parseJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  what?: string,
): Promise<z.infer<Schema>> {
  const raw = await c.req.text();
  let value: unknown = {};
  if (raw.trim()) {
    requireJsonContentType(c.req.header("content-type"));
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError("invalid_json", "The request body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error, value, "the body");
    throw new AppError(
      "bad_request",
      what
        ? `The request body is not ${what} (${issues}).`
        : `The request body is not valid: ${issues}.`,
    );
  }
  return parsed.data;
}

/**
 * A body sent as a form or text is refused (415) rather than guessed at; a body without any
 * content type is read as JSON, which is what simple clients send.
 */
function requireJsonContentType(header: string | undefined): void {
  if (!header) return;
  const mediaType = header.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/json" || mediaType.endsWith("+json")) return;
  throw new AppError(
    "unsupported_media_type",
    `Send the body as JSON with the header Content-Type: application/json (got ${mediaType}).`,
  );
}

export function parseParam<Schema extends z.ZodType>(
  schema: Schema,
  value: string,
  what: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("bad_request", `${describeIssues(parsed.error, value, what, 1)}.`);
  }
  return parsed.data;
}
