/** Slack `error` codes that say "try again later" rather than "this request is wrong". */
const TRANSIENT_SLACK_ERRORS = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

export interface SlackApiErrorInit {
  method: string;
  /** HTTP status; undefined when no answer came back at all (network failure). */
  status: number | undefined;
  /** Slack's `error` code (`channel_not_found`, `ratelimited`, ...) or our own description. */
  error: string;
  /** Seconds from `Retry-After`, when Slack rate-limited the call. */
  retryAfter?: number | undefined;
}

/**
 * The one error the Slack client throws. Its text holds the method and Slack's error code only,
 * never the request, so the bot token (sent only in the Authorization header) cannot leak.
 */
export class SlackApiError extends Error {
  override readonly name = "SlackApiError";
  readonly method: string;
  readonly status: number | undefined;
  readonly error: string;
  readonly retryAfter: number | undefined;
  /** Whether retrying the same request can never succeed (unknown channel, revoked token...). */
  readonly permanent: boolean;

  constructor(init: SlackApiErrorInit) {
    const status = init.status === undefined ? "" : ` (HTTP ${init.status})`;
    super(`Slack ${init.method} failed${status}: ${init.error}`);
    this.method = init.method;
    this.status = init.status;
    this.error = init.error;
    this.retryAfter = init.retryAfter;
    this.permanent =
      init.status !== undefined &&
      init.status < 500 &&
      init.status !== 429 &&
      !TRANSIENT_SLACK_ERRORS.has(init.error);
  }
}

export function isSlackApiError(error: unknown): error is SlackApiError {
  return error instanceof SlackApiError;
}
