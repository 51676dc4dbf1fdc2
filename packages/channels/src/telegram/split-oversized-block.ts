import type { Token } from "marked";
import { escapeTelegramHtml } from "./telegram-html";

/** A piece of Markdown that renders within the limit on its own. */
export interface MarkdownUnit {
  markdown: string;
  /** The source text between the previous unit and this one, used when both share a chunk. */
  separator: string;
}

/** Markdown to Telegram HTML, with whatever context (link definitions) the caller adds. */
export type RenderTelegramHtml = (markdown: string) => string;

/**
 * Breaks one top-level block whose HTML is over the limit into units that each fit: code
 * blocks and tables keep their frame (fence, header row) in every piece so each chunk still
 * renders as code or a table; everything else falls back to lines, then to hard cuts.
 */
export function splitOversizedBlock(
  block: MarkdownUnit,
  token: Token | undefined,
  limit: number,
  render: RenderTelegramHtml,
): MarkdownUnit[] {
  if (token?.type === "code") {
    const fence = chooseFence(token.text, token.lang);
    const head = `${fence}${token.lang ?? ""}`;
    return splitFramed(
      { head: [head], tail: [fence] },
      token.text.split("\n"),
      block,
      limit,
      render,
    );
  }
  if (token?.type === "table") {
    const lines = block.markdown.split("\n");
    return splitFramed({ head: lines.slice(0, 2), tail: [] }, lines.slice(2), block, limit, render);
  }
  return splitIntoLines(block, limit, render);
}

export function splitIntoLines(
  block: MarkdownUnit,
  limit: number,
  render: RenderTelegramHtml,
): MarkdownUnit[] {
  return block.markdown.split("\n").flatMap((line, index) => {
    const separator = index === 0 ? block.separator : "\n";
    if (render(line).length <= limit) return [{ markdown: line, separator }];
    return hardSplitLine(line, limit, render).map((piece, pieceIndex) => ({
      markdown: piece,
      // Pieces of one line rejoin without a separator, so the line comes back whole.
      separator: pieceIndex === 0 ? separator : "",
    }));
  });
}

interface Frame {
  head: string[];
  tail: string[];
}

function splitFramed(
  frame: Frame,
  body: string[],
  block: MarkdownUnit,
  limit: number,
  render: RenderTelegramHtml,
): MarkdownUnit[] {
  const build = (lines: readonly string[]) => [...frame.head, ...lines, ...frame.tail].join("\n");
  const probe = body.find((line) => line.trim() !== "") ?? "x";
  const overhead = render(build([probe])).length - escapeTelegramHtml(probe).length;
  const budget = limit - overhead;
  if (budget < 1) return splitIntoLines(block, limit, render);

  const units: MarkdownUnit[] = [];
  for (const lines of packLines(body, budget)) {
    const markdown = build(lines);
    const separator = units.length === 0 ? block.separator : "\n";
    // The size arithmetic mirrors the renderer; should they ever disagree, lines still fit.
    if (render(markdown).length <= limit) units.push({ markdown, separator });
    else units.push(...splitIntoLines({ markdown, separator }, limit, render));
  }
  return units;
}

/** Groups lines so each group's escaped text, newlines included, stays within the budget. */
function packLines(body: readonly string[], budget: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of body.flatMap((l) => cutByEscapedLength(l, budget))) {
    const cost = escapeTelegramHtml(line).length;
    if (current.length > 0 && size + 1 + cost > budget) {
      groups.push(current);
      current = [];
      size = 0;
    }
    size += (current.length > 0 ? 1 : 0) + cost;
    current.push(line);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A fence longer than any backtick run inside the code, so the code cannot close it early. */
function chooseFence(code: string, lang: string | undefined): string {
  const char = lang?.includes("`") ? "~" : "`";
  const runs = code.match(char === "`" ? /`+/g : /~+/g) ?? [];
  const longest = Math.max(0, ...runs.map((run) => run.length));
  return char.repeat(Math.max(3, longest + 1));
}

function cutByEscapedLength(line: string, budget: number): string[] {
  if (escapeTelegramHtml(line).length <= budget) return [line];
  const pieces: string[] = [];
  let piece = "";
  let size = 0;
  for (const char of line) {
    const cost = escapeTelegramHtml(char).length;
    if (size + cost > budget && piece !== "") {
      pieces.push(piece);
      piece = "";
      size = 0;
    }
    piece += char;
    size += cost;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

/**
 * Last resort for a single line too long to send: cut near the limit, at a space when one is
 * close, and shrink until the rendered piece fits (markup in the line can add tags).
 */
function hardSplitLine(line: string, limit: number, render: RenderTelegramHtml): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest !== "" && render(rest).length > limit) {
    let cut = Math.min(rest.length - 1, prefixLengthWithinEscaped(rest, limit));
    const space = rest.lastIndexOf(" ", cut - 1);
    if (space > cut / 2) cut = space + 1;
    while (cut > 1 && render(rest.slice(0, cut)).length > limit) cut = Math.floor(cut * 0.9);
    if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut -= 1;
    pieces.push(rest.slice(0, Math.max(1, cut)));
    rest = rest.slice(Math.max(1, cut));
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

function prefixLengthWithinEscaped(text: string, limit: number): number {
  let size = 0;
  for (let index = 0; index < text.length; index += 1) {
    size += escapeTelegramHtml(text.charAt(index)).length;
    if (size > limit) return Math.max(1, index);
  }
  return text.length;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
