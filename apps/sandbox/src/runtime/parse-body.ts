import type { z } from "zod";
import { RuntimeError } from "./runtime-error";

/** Parses a JSON request body with a contract schema; any problem is a 400 naming the field. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, raw: string): z.infer<Schema> {
  let value: unknown;
  try {
    value = raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    throw new RuntimeError("bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
      .join("; ");
    throw new RuntimeError("bad_request", issues);
  }
  return parsed.data;
}
