/** Slack rejects nothing older itself; we refuse requests outside this window to stop replays. */
export const SLACK_SIGNATURE_MAX_AGE_SECONDS = 300;
export const SLACK_SIGNATURE_HEADER = "X-Slack-Signature";
export const SLACK_TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

export interface SlackSignatureInput {
  signingSecret: string;
  /** `X-Slack-Request-Timestamp`, epoch seconds as sent. */
  timestamp: string | undefined;
  /** `X-Slack-Signature`, e.g. `v0=a2114d57…`. */
  signature: string | undefined;
  /** The request body exactly as received: re-serialized JSON would not match. */
  rawBody: string;
  /** Current time in epoch seconds; injected so Slack's documented example can be checked. */
  nowSeconds: number;
}

export type SlackSignatureResult =
  | { ok: true }
  | { ok: false; reason: "missing" | "stale" | "mismatch" };

/**
 * Checks Slack's request signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing
 * secret, compared in constant time, and a timestamp within five minutes of now either way.
 */
export async function verifySlackSignature(
  input: SlackSignatureInput,
): Promise<SlackSignatureResult> {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: "missing" };
  }
  if (Math.abs(input.nowSeconds - Number(timestamp)) > SLACK_SIGNATURE_MAX_AGE_SECONDS) {
    return { ok: false, reason: "stale" };
  }
  const expected = await signSlackRequest(input.signingSecret, timestamp, input.rawBody);
  return constantTimeEqual(expected, signature) ? { ok: true } : { ok: false, reason: "mismatch" };
}

/** The `v0=<hex>` signature Slack would send for this body; also used by tests and the bench. */
export async function signSlackRequest(
  signingSecret: string,
  timestamp: string,
  rawBody: string,
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(signingSecret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`v0:${timestamp}:${rawBody}`));
  return `v0=${toHex(new Uint8Array(mac))}`;
}

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Compares every character whatever the first difference, so response time does not reveal how
 * much of a forged signature was right. The length of a valid signature is public (`v0=` + 64).
 */
function constantTimeEqual(expected: string, presented: string): boolean {
  let difference = expected.length ^ presented.length;
  for (let index = 0; index < expected.length; index += 1) {
    difference |= expected.charCodeAt(index) ^ (presented.charCodeAt(index) || 0);
  }
  return difference === 0;
}
