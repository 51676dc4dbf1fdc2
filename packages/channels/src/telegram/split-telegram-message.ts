import { Lexer, type Token } from "marked";
import {
  type MarkdownUnit,
  type RenderTelegramHtml,
  splitIntoLines,
  splitOversizedBlock,
} from "./split-oversized-block";
import { markdownToTelegramHtml } from "./telegram-html";

/** Telegram's limit on a message's text, in UTF-16 code units. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;
/** Below this a code fence plus one escaped character might not fit, so splitting could stall. */
export const MIN_TELEGRAM_SPLIT_LIMIT = 256;

export interface TelegramMessageChunk {
  /** The Markdown of this chunk, sent as plain text if Telegram rejects the HTML. */
  markdown: string;
  /** The chunk rendered for `parse_mode: "HTML"`; never longer than the limit. */
  html: string;
}

interface MarkdownBlock extends MarkdownUnit {
  token: Token | undefined;
}

/**
 * Splits model Markdown into messages whose HTML fits Telegram's limit. Chunks break between
 * top-level blocks where possible (so a code block or list stays whole), then between lines,
 * and only cut a line when one line alone is too long. Chunks never come back empty.
 */
export function splitMarkdownForTelegram(
  markdown: string,
  limit: number = TELEGRAM_MESSAGE_LIMIT,
): TelegramMessageChunk[] {
  return splitRenderedMarkdown(markdown, limit, markdownToTelegramHtml).map((chunk) => ({
    markdown: chunk.markdown,
    html: chunk.rendered,
  }));
}

export interface RenderedMarkdownChunk {
  markdown: string;
  /** The chunk in the channel's own markup; never longer than the limit. */
  rendered: string;
}

/**
 * Splits Markdown so that each chunk's rendering (Telegram HTML, Slack mrkdwn, ...) fits
 * `limit`, keeping code blocks and tables framed in every piece they are cut into.
 */
export function splitRenderedMarkdown(
  markdown: string,
  limit: number,
  renderMarkdown: (markdown: string) => string,
): RenderedMarkdownChunk[] {
  if (!Number.isInteger(limit) || limit < MIN_TELEGRAM_SPLIT_LIMIT) {
    throw new RangeError(`limit must be an integer of at least ${MIN_TELEGRAM_SPLIT_LIMIT}`);
  }
  const source = markdown.replace(/\r\n?/g, "\n");
  const tokens = Lexer.lex(source, { gfm: true });
  // Reference-style links resolve against definitions anywhere in the text; every chunk gets
  // them all, since a definition renders as nothing.
  const definitions = tokens
    .filter((token) => token.type === "def")
    .map((token) => token.raw.trim())
    .join("\n");
  const render: RenderTelegramHtml = (chunk) =>
    renderMarkdown(definitions === "" ? chunk : `${chunk}\n\n${definitions}`);

  const units = toBlocks(source, tokens).flatMap((block) =>
    render(block.markdown).length <= limit
      ? [block]
      : splitOversizedBlock(block, block.token, limit, render),
  );
  return packUnits(units, limit, render)
    .map((chunk) => ({ markdown: chunk, rendered: render(chunk) }))
    .filter((chunk) => chunk.rendered !== "");
}

/** Top-level blocks with the exact text between them, so joining them gives the source back. */
function toBlocks(source: string, tokens: readonly Token[]): MarkdownBlock[] {
  if (tokens.map((token) => token.raw).join("") !== source) {
    // Not expected from marked; lines are a safe if less tidy way to cut instead.
    return [{ markdown: trimBlankLines(source), separator: "", token: undefined }];
  }
  const blocks: MarkdownBlock[] = [];
  let pending = "";
  for (const token of tokens) {
    if (token.type === "space") {
      pending += token.raw;
      continue;
    }
    const markdown = token.raw.replace(/\n+$/, "");
    blocks.push({ markdown, separator: pending === "" ? "\n" : pending, token });
    pending = token.raw.slice(markdown.length);
  }
  return blocks;
}

/**
 * Fills each chunk with as many units as fit, checking the real rendering because HTML size is
 * not additive (a link definition in one unit changes another). Rendering is the expensive
 * part, so the summed sizes of the units pick the first guess and a gallop-then-bisect search
 * corrects it: a couple of renders per chunk instead of one per line of a long list.
 */
function packUnits(
  units: readonly MarkdownUnit[],
  limit: number,
  render: RenderTelegramHtml,
): string[] {
  const sizes = units.map((unit) => unit.separator.length + render(unit.markdown).length);
  const chunks: string[] = [];
  let start = 0;
  while (start < units.length) {
    if (units[start]?.markdown.trim() === "") {
      start += 1;
      continue;
    }
    let guess = start + 1;
    for (let total = sizes[start] ?? 0; guess < units.length; guess += 1) {
      total += sizes[guess] ?? 0;
      if (total > limit) break;
    }
    const fits = (end: number) => render(joinUnits(units, start, end)).length <= limit;
    const end = findLastFit(start + 1, guess, units.length, fits);
    chunks.push(joinUnits(units, start, end));
    start = end;
  }
  return chunks
    .filter((chunk) => chunk !== "")
    .flatMap((chunk) => ensureWithinLimit(chunk, limit, render));
}

/** The largest end in [known, max] that fits, probing from guess; `known` is taken to fit. */
function findLastFit(
  known: number,
  guess: number,
  max: number,
  fits: (end: number) => boolean,
): number {
  // Ends in [start, good] are taken to fit and ends at or past bad are taken not to.
  let good = known;
  let bad = max + 1;
  if (guess > good) {
    if (fits(guess)) good = guess;
    else bad = guess;
  }
  for (let step = 1; bad > max && good < max; step *= 2) {
    const probe = Math.min(good + step, max);
    if (fits(probe)) good = probe;
    else bad = probe;
  }
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (fits(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

function joinUnits(units: readonly MarkdownUnit[], start: number, end: number): string {
  let markdown = units[start]?.markdown ?? "";
  for (const unit of units.slice(start + 1, end)) markdown += unit.separator + unit.markdown;
  return trimBlankLines(markdown);
}

/** Every unit fits on its own, so this only guards against a renderer surprise. */
function ensureWithinLimit(chunk: string, limit: number, render: RenderTelegramHtml): string[] {
  if (render(chunk).length <= limit) return [chunk];
  return splitIntoLines({ markdown: chunk, separator: "" }, limit, render)
    .map((unit) => trimBlankLines(unit.markdown))
    .filter((line) => line !== "");
}

function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, "").replace(/(?:\n[ \t]*)+$/, "");
}
