import { BodyTooLargeError, readBytesWithLimit } from "@molt/channels";
import { AppError } from "../errors";

/**
 * Reads a request body as text, refusing (413) one larger than `maxBytes` before it is held in
 * memory (`readBytesWithLimit`).
 */
export async function readCappedText(request: Request, maxBytes: number): Promise<string> {
  try {
    return new TextDecoder().decode(await readBytesWithLimit(request, maxBytes));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    throw new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
  }
}
