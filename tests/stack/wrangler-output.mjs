// Wrangler's output, kept to show when something goes wrong and to spot reloads mid-run.

import { createWriteStream } from "node:fs";

export function createOutputLog(limit, file) {
  const lines = [];
  let dropped = 0;
  let partial = "";
  const stream = file ? createWriteStream(file) : undefined;
  return {
    push(chunk) {
      stream?.write(chunk);
      const text = partial + chunk.toString("utf8");
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
      if (lines.length > limit) dropped += lines.splice(0, lines.length - limit).length;
    },
    /** A position to ask `since` about later. */
    mark: () => dropped + lines.length,
    since: (mark) => lines.slice(Math.max(0, mark - dropped)),
    /** Lines since `mark` saying wrangler rebuilt the Worker because a source file changed. */
    reloadsSince(mark) {
      return this.since(mark).filter((line) => line.includes("Reloading local server"));
    },
    text: (last = 200) => [...lines.slice(-last), partial].filter(Boolean).join("\n"),
  };
}
