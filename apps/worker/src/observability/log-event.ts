/**
 * One JSON line per event, so Workers Logs can filter and aggregate on its fields
 * (`event`, `userId`, `conversationId`, `durationMs`, ...). Fields are ids, counts, durations
 * and outcomes only: message text and credentials never go in, and a field whose name looks
 * like a credential is dropped as a last guard.
 */
export type LogField = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogField>;
export type LogLevel = "info" | "warn" | "error";

/** The kinds of event the Worker logs; a new kind is added here so queries can rely on the set. */
export type LogEventName =
  | "webhook"
  | "turn"
  | "tool_call"
  | "delivery"
  | "schedule"
  | "sandbox"
  | "model"
  | "admin"
  | "doctor"
  | "toolset"
  | "approval"
  | "media"
  | "mcp";

const CREDENTIAL_FIELD = /token|secret|password|authorization|api_?key|cookie/i;

export function formatLogLine(event: LogEventName, fields: LogFields, level: LogLevel): string {
  const line: Record<string, LogField> = { event, level };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || CREDENTIAL_FIELD.test(name)) continue;
    line[name] = value;
  }
  return JSON.stringify(line);
}

export function logEvent(event: LogEventName, fields: LogFields = {}, level: LogLevel = "info") {
  const line = formatLogLine(event, fields, level);
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** Milliseconds since `startedAt` (a `Date.now()` value), for `durationMs` fields. */
export function elapsedMs(startedAt: number): number {
  return Date.now() - startedAt;
}
