import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../errors";

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
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError("invalid_json", "The request body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
      .join("; ");
    throw new AppError(
      "bad_request",
      what ? `The request body is not ${what} (${issues}).` : issues,
    );
  }
  return parsed.data;
}

export function parseParam<Schema extends z.ZodType>(
  schema: Schema,
  value: string,
  what: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AppError("bad_request", `Invalid ${what}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
