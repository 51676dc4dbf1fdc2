import { BodyTooLargeError, readBytesWithLimit } from "./read-bytes-with-limit";

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

/** A file's response body, stopping at `maxBytes` (`readBytesWithLimit`) as a channel file error. */
export async function readBodyWithLimit(response: Response, maxBytes: number): Promise<Uint8Array> {
  try {
    return await readBytesWithLimit(response, maxBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    throw new ChannelFileError("too_big", "the file is over the size limit", error.size, maxBytes);
  }
}
