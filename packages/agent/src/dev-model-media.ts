import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";

type UserPart = Extract<
  LanguageModelV4CallOptions["prompt"][number],
  { role: "user" }
>["content"][number];

const RECEIVED_LINE = /^\[(Photo|Voice note|Audio|Video note|Document) received: ([^\]]*)\]$/;
const TRANSCRIPT_LINE = /^(?:What the person said: |Transcript:\n?)(.+)$/m;
const PROBLEM_LINE = /^\(The file could not be read: (.+)\.\)$/m;

/**
 * The offline dev model's answer to a message with files: what arrived, in numbers, and what
 * it could make of each ("I got a photo, 1280×960, 96 KB"), so the media path can be tried
 * without any key. Undefined when the message carried no files.
 */
export function describeMediaForDevModel(content: readonly UserPart[]): string | undefined {
  const sentences: string[] = [];
  const images = content.filter(
    (part) => part.type === "file" && part.mediaType.startsWith("image/"),
  );
  for (const part of content) {
    if (part.type !== "text") continue;
    const [first = "", ...rest] = part.text.split("\n");
    const received = RECEIVED_LINE.exec(first);
    if (!received) continue;
    const [, kind = "", facts = ""] = received;
    const [path, ...details] = facts.split(", ");
    const body = rest.join("\n");
    const parts = [
      `I got ${article(kind)} ${kind.toLowerCase()}${details.length ? `, ${details.join(", ")}` : ""} (kept as ${path}).`,
    ];
    const problem = PROBLEM_LINE.exec(body)?.[1];
    const transcript = TRANSCRIPT_LINE.exec(body)?.[1];
    if (problem) parts.push(`I could not read it: ${problem}.`);
    else if (transcript) parts.push(`I heard: “${transcript.trim()}”`);
    else if (kind === "Document") parts.push(`It begins: “${firstWords(documentText(body))}”`);
    else if (kind === "Photo" && /cannot see images/.test(body)) {
      parts.push("This model cannot see pictures, so I only know that it arrived.");
    }
    sentences.push(parts.join(" "));
  }
  if (sentences.length === 0) return undefined;
  if (images.length > 0) {
    sentences.push(
      `(${images.length} picture${images.length === 1 ? "" : "s"} reached me as image input.)`,
    );
  }
  return ["I'm the offline **dev model**.", ...sentences].join("\n\n");
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? "an" : "a";
}

/** The text between the wrapper's note and its end. */
function documentText(body: string): string {
  const inside = /<web_content[^>]*>\n[^\n]*\n\n([\s\S]*?)\n<\/web_content>/.exec(body);
  return inside?.[1] ?? body;
}

function firstWords(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
