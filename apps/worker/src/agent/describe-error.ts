import { APICallError, RetryError } from "ai";

const MAX_REASON_LENGTH = 160;
const MAX_DETAIL_LENGTH = 500;
/** What fetch failures say in workerd and Node when the other side is not there. */
export const UNREACHABLE_PATTERN =
  /network connection lost|fetch failed|econnrefused|econnreset|socket hang up|connection (refused|reset|closed)|cannot connect|dns/i;

/** A short reason a person can read; never a stack trace, never a request with credentials. */
export function describeModelError(error: unknown): string {
  if (RetryError.isInstance(error)) return describeModelError(error.lastError);
  if (APICallError.isInstance(error)) {
    if (error.statusCode === 401 || error.statusCode === 403) {
      return "the model provider refused the credentials";
    }
    if (error.statusCode === 429) return "the model provider is rate limiting, try again shortly";
    if (error.statusCode) return `the model provider answered HTTP ${error.statusCode}`;
    return "the model provider could not be reached";
  }
  const text = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE_PATTERN.test(text)) return "the model provider could not be reached";
  return truncate(text.replace(/\s+/g, " "));
}

/**
 * What the operator needs to act on a model error: the provider's status and own words. Never
 * the request (it holds the conversation) nor headers (they hold keys).
 */
export function describeModelErrorInFull(error: unknown): string {
  if (RetryError.isInstance(error)) return describeModelErrorInFull(error.lastError);
  const name = error instanceof Error ? error.name : typeof error;
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
  const status =
    APICallError.isInstance(error) && error.statusCode ? `HTTP ${error.statusCode} ` : "";
  const full = `${status}${name}: ${text}`;
  return full.length > MAX_DETAIL_LENGTH ? `${full.slice(0, MAX_DETAIL_LENGTH - 1)}…` : full;
}

/**
 * Client errors from a channel (blocked bot, unknown chat) will not heal by retrying. Errors
 * that know it say so with `permanent` (Slack's `ok: false` codes); others by an HTTP-like code.
 */
export function describeDeliveryError(error: unknown): { permanent: boolean; summary: string } {
  const code =
    typeof error === "object" && error !== null && "errorCode" in error
      ? Number((error as { errorCode: unknown }).errorCode)
      : undefined;
  const declared =
    typeof error === "object" && error !== null && "permanent" in error
      ? (error as { permanent: unknown }).permanent
      : undefined;
  const permanent =
    typeof declared === "boolean"
      ? declared
      : code === 400 || code === 401 || code === 403 || code === 404;
  const text = error instanceof Error ? error.message : String(error);
  return { permanent, summary: truncate(code ? `${code}: ${text}` : text) };
}

function truncate(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}
