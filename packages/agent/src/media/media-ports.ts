/**
 * The services the media path needs, as small ports: the Worker implements them on Workers AI
 * (or OpenAI), tests and local development on fakes. Each throws `MediaServiceError` for a
 * failure it understands.
 */

export interface Transcriber {
  /** The words spoken in the audio; "" when nothing was said. */
  transcribe(
    audio: Uint8Array,
    file: { fileName: string; mimeType?: string },
    signal?: AbortSignal,
  ): Promise<string>;
}

export interface DocumentConverter {
  /** Whether the converter takes this kind of file at all (by name and type). */
  accepts(file: { fileName: string; mimeType?: string }): boolean;
  /** The document as Markdown. */
  toMarkdown(
    document: Uint8Array,
    file: { fileName: string; mimeType?: string },
    signal?: AbortSignal,
  ): Promise<string>;
}

export interface ImageDescriber {
  /** A short description of what the image shows, for a model that cannot see it. */
  describe(image: Uint8Array, mimeType: string, signal?: AbortSignal): Promise<string>;
}

export type MediaServiceProblem =
  /** The file is of a kind the service does not take. */
  | "unsupported"
  /** The service could not read this file (corrupt, empty, not what it claims). */
  | "unreadable"
  /** The service failed or could not be reached; a later try may work. */
  | "unavailable";

export class MediaServiceError extends Error {
  override readonly name = "MediaServiceError";

  constructor(
    readonly problem: MediaServiceProblem,
    message: string,
  ) {
    super(message);
  }
}
