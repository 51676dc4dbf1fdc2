import { htmlToMarkdown } from "./html-to-markdown";
import { refuseUrlAfterResolving, type UrlPolicy } from "./url-safety";

export const WEB_FETCH_MAX_REDIRECTS = 5;
export const WEB_FETCH_MAX_BYTES = 2_000_000;
export const WEB_FETCH_TIMEOUT_MS = 15_000;

export type WebFetchErrorCode =
  | "refused"
  | "unreachable"
  | "timeout"
  | "http_error"
  | "too_many_redirects"
  | "unsupported_type";

/** An expected failure of a fetch, with a message meant for the model (and so the person). */
export class WebFetchError extends Error {
  constructor(
    readonly code: WebFetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "WebFetchError";
  }
}

export interface FetchWebPageOptions extends UrlPolicy {
  fetch: typeof fetch;
  maxRedirects?: number;
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface WebPage {
  url: string;
  status: number;
  contentType: string;
  title: string;
  /** Markdown for HTML; the text itself for plain text and JSON. */
  content: string;
  format: "markdown" | "text";
  /** The body was longer than the byte limit and was cut. */
  truncated: boolean;
}

/**
 * Fetches a public web page and returns it as Markdown (HTML) or text (plain text, JSON, XML).
 * Redirects are followed by hand so each hop passes the same address check as the first.
 */
export async function fetchWebPage(input: string, options: FetchWebPageOptions): Promise<WebPage> {
  const timeoutMs = options.timeoutMs ?? WEB_FETCH_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let url = parseUrl(input);
  const maxRedirects = options.maxRedirects ?? WEB_FETCH_MAX_REDIRECTS;
  for (let hop = 0; ; hop++) {
    const refusal = await refuseUrlAfterResolving(url, options);
    if (refusal) throw new WebFetchError("refused", `Refused ${url.toString()}: ${refusal}.`);
    const response = await request(url, options.fetch, signal, timeout, timeoutMs);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= maxRedirects) {
        throw new WebFetchError("too_many_redirects", `More than ${maxRedirects} redirects.`);
      }
      url = parseUrl(location, url);
      continue;
    }
    return readPage(url, response, options.maxBytes ?? WEB_FETCH_MAX_BYTES, timeout, timeoutMs);
  }
}

function parseUrl(input: string, base?: URL): URL {
  try {
    return new URL(input, base);
  } catch {
    throw new WebFetchError("refused", `"${input}" is not a valid address.`);
  }
}

async function request(
  url: URL,
  fetchFn: typeof fetch,
  signal: AbortSignal,
  timeout: AbortSignal,
  timeoutMs: number,
): Promise<Response> {
  try {
    return await fetchFn(url.toString(), {
      redirect: "manual",
      signal,
      headers: {
        accept: "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.5",
        "user-agent": "Mozilla/5.0 (compatible; molt-agent)",
      },
    });
  } catch (error) {
    throw failure(error, url, timeout, timeoutMs);
  }
}

function failure(error: unknown, url: URL, timeout: AbortSignal, timeoutMs: number): Error {
  if (timeout.aborted) {
    return new WebFetchError("timeout", `${url.host} did not answer within ${timeoutMs} ms.`);
  }
  if (error instanceof Error && error.name === "AbortError") return error;
  return new WebFetchError("unreachable", `Could not reach ${url.host}: ${String(error)}.`);
}

async function readPage(
  url: URL,
  response: Response,
  maxBytes: number,
  timeout: AbortSignal,
  timeoutMs: number,
): Promise<WebPage> {
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (!response.ok) {
    await response.body?.cancel();
    throw new WebFetchError(
      "http_error",
      `${url.toString()} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
    );
  }
  const kind = classify(contentType);
  if (!kind) {
    await response.body?.cancel();
    throw new WebFetchError(
      "unsupported_type",
      `${url.toString()} is ${contentType || "of an unknown type"}, not a page that can be read as text.`,
    );
  }
  let body: { text: string; truncated: boolean };
  try {
    body = await readCapped(response, maxBytes);
  } catch (error) {
    throw failure(error, url, timeout, timeoutMs);
  }
  const base = { url: url.toString(), status: response.status, contentType };
  if (kind === "html") {
    const { title, markdown } = htmlToMarkdown(body.text, url.toString());
    return { ...base, title, content: markdown, format: "markdown", truncated: body.truncated };
  }
  return { ...base, title: "", content: body.text, format: "text", truncated: body.truncated };
}

function classify(contentType: string): "html" | "text" | undefined {
  if (contentType === "text/html" || contentType === "application/xhtml+xml") return "html";
  if (contentType === "" || contentType.startsWith("text/")) return "text";
  if (/^application\/([\w.+-]*\+)?(json|xml)$/.test(contentType)) return "text";
  return undefined;
}

/** Reads at most `maxBytes` and stops there, so a huge page costs no more than the limit. */
async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: "", truncated: false };
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    const room = maxBytes - received;
    received += value.byteLength;
    if (value.byteLength >= room) {
      text += decoder.decode(value.subarray(0, room));
      await reader.cancel();
      return { text, truncated: true };
    }
    text += decoder.decode(value, { stream: true });
  }
}
