/** How much page text one tool answer carries, so a long page cannot flood the context. */
export const WEB_OUTPUT_MAX_CHARS = 12_000;

/**
 * One window of a long text, with a note telling the model how to read on. Windows end on a line
 * break when one is near, so a link or a sentence is rarely cut in half.
 */
export function pageWindow(text: string, offset = 0, maxChars = WEB_OUTPUT_MAX_CHARS): string {
  const start = Math.min(Math.max(0, offset), text.length);
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    const lineBreak = text.lastIndexOf("\n", end);
    if (lineBreak > start + maxChars / 2) end = lineBreak;
  }
  const window = text.slice(start, end);
  if (end >= text.length) {
    return start > 0 ? `[characters ${start}-${end} of ${text.length}]\n${window}` : window;
  }
  return `${start > 0 ? `[characters ${start}-${end} of ${text.length}]\n` : ""}${window}\n\n[${text.length - end} more characters: call again with offset ${end} to read on]`;
}
