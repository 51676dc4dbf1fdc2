export interface TelegramApiErrorInit {
  method: string;
  /** Telegram's `error_code`; undefined when no usable answer came back (network, bad JSON). */
  errorCode: number | undefined;
  description: string;
  /** Seconds Telegram asked us to wait (flood control), when it said so. */
  retryAfter?: number | undefined;
}

/**
 * The one error the Telegram client throws. Its text is built from the method name and
 * Telegram's description only, never from the request URL, because that URL holds the token.
 */
export class TelegramApiError extends Error {
  override readonly name = "TelegramApiError";
  readonly method: string;
  readonly errorCode: number | undefined;
  readonly description: string;
  readonly retryAfter: number | undefined;

  constructor(init: TelegramApiErrorInit) {
    const code = init.errorCode === undefined ? "" : ` (${init.errorCode})`;
    super(`Telegram ${init.method} failed${code}: ${init.description}`);
    this.method = init.method;
    this.errorCode = init.errorCode;
    this.description = init.description;
    this.retryAfter = init.retryAfter;
  }
}

export function isTelegramApiError(error: unknown): error is TelegramApiError {
  return error instanceof TelegramApiError;
}

/** Removes the token (and its secret half, and their URL-encoded forms) from any text. */
export function redactTelegramToken(text: string, token: string): string {
  const secret = token.slice(token.indexOf(":") + 1);
  const needles = [token, encodeURIComponent(token), secret].filter((n) => n.length >= 8);
  return needles.reduce((result, needle) => result.replaceAll(needle, "[redacted]"), text);
}
