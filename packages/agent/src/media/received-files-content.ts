import type { ImagePart, TextPart } from "ai";
import { pageWindow } from "../web/page-window";
import { wrapWebContent } from "../web/untrusted-content";
import { describeReceivedFile, type ReceivedFile } from "./received-file";

/** How much of a document the turn's prompt carries; the rest is read with `read_received_file`. */
export const DOCUMENT_WINDOW_CHARS = 12_000;

export type UserContentPart = TextPart | ImagePart;

export interface ReceivedFilesContent {
  /** What the model gets this turn: the person's words, then each file. */
  content: UserContentPart[];
  /** What the session keeps: the same without image bytes or document text (both stay in R2). */
  historyContent: string;
  /**
   * Whether anything read from a file entered the turn (a picture, a document's text, a
   * description, an audio file's words). Such content is data from outside, like a web page.
   */
  untrustedContentEntered: boolean;
}

/**
 * Puts the files the person sent before the model. A picture goes in as an image part when
 * the model can see; otherwise its description (if a vision model made one) says what it
 * shows. A voice note's transcript is the person speaking, so it stands as their words; the
 * words of an audio file, a document's text and a picture's description are wrapped as
 * untrusted data, like a web page, because anyone may have made them.
 */
export function buildReceivedFilesContent(
  said: string,
  files: readonly ReceivedFile[],
): ReceivedFilesContent {
  const content: UserContentPart[] = [];
  const history: string[] = [];
  if (said) {
    content.push({ type: "text", text: said });
    history.push(said);
  }
  let untrusted = false;
  for (const file of files) {
    const header = describeReceivedFile(file);
    const lines = [header];
    const kept = [header];
    if (file.problem) {
      lines.push(`(The file could not be read: ${file.problem}.)`);
      kept.push(`(The file could not be read: ${file.problem}.)`);
    }
    if (file.transcript !== undefined) {
      const words = file.transcript.trim() || "(nothing was said)";
      if (file.kind === "audio") {
        lines.push(wrapWebContent(`audio file ${file.path}`, `Transcript:\n${words}`));
        untrusted = true;
      } else {
        lines.push(`What the person said: ${words}`);
      }
      kept.push(`Transcript: ${words}`);
    }
    if (file.documentText !== undefined) {
      const window = pageWindow(file.documentText, 0, DOCUMENT_WINDOW_CHARS);
      const more =
        file.documentText.length > DOCUMENT_WINDOW_CHARS && file.documentTextPath
          ? `\n(Read on with read_received_file, path "${file.documentTextPath}".)`
          : "";
      lines.push(wrapWebContent(`received file ${file.path}`, window) + more);
      kept.push(
        `(Its text was read in this turn; it is kept in the workspace at ${file.documentTextPath ?? file.path}.)`,
      );
      untrusted = true;
    }
    if (file.imageDescription !== undefined) {
      lines.push(
        "This model cannot see images; a vision model described it:",
        wrapWebContent(`image ${file.path}`, file.imageDescription),
      );
      kept.push(`(A vision model described it: ${file.imageDescription})`);
      untrusted = true;
    } else if (file.kind === "image" && !file.image && !file.problem) {
      lines.push("(This model cannot see images, and no description is available: say so.)");
    }
    content.push({ type: "text", text: lines.join("\n") });
    if (file.image) {
      content.push({ type: "image", image: file.image.bytes, mediaType: file.image.mimeType });
      kept.push("(The picture itself is not kept in the conversation; the file is.)");
      untrusted = true;
    }
    history.push(kept.join("\n"));
  }
  return { content, historyContent: history.join("\n\n"), untrustedContentEntered: untrusted };
}
