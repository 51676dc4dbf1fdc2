/** The body passed its cap: `size` is its declared length, or what was counted before stopping. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";

  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`the body is over ${limit} bytes`);
  }
}

/**
 * Reads a request or response body, stopping as soon as it passes `maxBytes`: a declared
 * `Content-Length` over the cap is refused unread, and a body without one (or one that lies) is
 * counted as it streams in, so a large body is never held in memory.
 */
export async function readBytesWithLimit(
  message: Request | Response,
  maxBytes: number,
): Promise<Uint8Array> {
  const declared = Number(message.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await message.body?.cancel();
    throw new BodyTooLargeError(declared, maxBytes);
  }
  const reader = message.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError(total, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
