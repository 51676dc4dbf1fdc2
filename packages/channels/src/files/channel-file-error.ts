/** Why a file a person sent could not be fetched from their channel. */
export type ChannelFileProblem =
  /** Over our cap for its kind, or over what the channel lets bots download. */
  | "too_big"
  /** The channel no longer has it (deleted, expired), or never gave us a way to reach it. */
  | "gone"
  /** The channel refused the bot's credentials for it. */
  | "refused"
  /** The channel could not be reached or answered with an error; trying later may work. */
  | "unavailable";

/** Thrown by the channel file downloads; its text never holds a token or a private URL. */
export class ChannelFileError extends Error {
  override readonly name = "ChannelFileError";

  constructor(
    readonly problem: ChannelFileProblem,
    message: string,
    /** The file's size in bytes, when known (declared by the channel or counted while reading). */
    readonly size?: number,
    readonly limit?: number,
  ) {
    super(message);
  }
}

/**
 * Reads a response body, stopping as soon as it passes `maxBytes`: a channel that declares a
 * small file but sends a large one cannot make the Worker hold it all in memory.
 */
export async function readBodyWithLimit(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new ChannelFileError("too_big", "the file is over the size limit", declared, maxBytes);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ChannelFileError("too_big", "the file is over the size limit", total, maxBytes);
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
