import type { z } from "zod";

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "null",
};

/** One validation issue in plain words, e.g. "dailyLimit must be a whole number". */
function describeIssue(issue: z.core.$ZodIssue, fallbackName: string, input: unknown): string {
  const name = issue.path.length ? issue.path.join(".") : fallbackName;
  switch (issue.code) {
    case "invalid_type": {
      if (valueAt(input, issue.path) === undefined) return `${name} is missing`;
      return `${name} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    }
    case "too_small": {
      const unit = issue.origin === "string" ? " characters" : "";
      const items = issue.origin === "array" ? " items" : "";
      if (issue.origin === "number" || issue.origin === "int") {
        return `${name} must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
      }
      return Number(issue.minimum) === 1 && !unit && !items
        ? `${name} must not be empty`
        : `${name} must have at least ${issue.minimum}${unit}${items}`;
    }
    case "too_big": {
      if (issue.origin === "number" || issue.origin === "int") {
        return `${name} must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
      }
      const unit = issue.origin === "string" ? " characters" : " items";
      return `${name} must have at most ${issue.maximum}${unit}`;
    }
    case "invalid_format":
      return `${name} must be a valid ${issue.format}`;
    case "invalid_value":
      return `${name} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
    default:
      return `${name}: ${issue.message}`;
  }
}

/** What the parsed input held at `path`: zod's issues do not carry it. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The first few issues of a failed parse of `input` in plain words, joined into one sentence. */
export function describeIssues(
  error: z.ZodError,
  input: unknown,
  fallbackName: string,
  limit = 5,
): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => describeIssue(issue, fallbackName, input))
    .join("; ");
}
