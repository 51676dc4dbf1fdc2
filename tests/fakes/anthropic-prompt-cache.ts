import { createHash } from "node:crypto";

/**
 * Anthropic's prompt caching, as its documentation describes it: the request is cached up to each
 * block that carries `cache_control` (at most four per request, else a 400), in the order tools,
 * system, messages; a later request whose prefix up to a breakpoint is byte-identical reads it
 * from the cache. Prompts under 1,024 tokens are not cached. Token counts are estimated (4
 * characters a token) from the JSON of each block.
 */

export const MAX_CACHE_BREAKPOINTS = 4;
const MIN_CACHEABLE_TOKENS = 1024;
/** Remembered prefixes (the real cache lives 5 minutes; this one this many entries). */
const REMEMBERED_PREFIXES = 1000;

export interface AnthropicCacheOutcome {
  /** Where the breakpoints were: "tools[0]", "system[0]", "messages[3]". */
  breakpoints: string[];
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Set when the request breaks a documented limit: answer 400 with it. */
  error?: string;
}

export interface AnthropicPromptCache {
  observe(body: Record<string, unknown>): AnthropicCacheOutcome;
  reset(): void;
}

type Block = { where: string; json: string; cached: boolean };

export function createAnthropicPromptCache(): AnthropicPromptCache {
  let remembered = new Set<string>();
  return {
    observe(body) {
      const blocks = blocksOf(body);
      const breakpoints = blocks.filter((block) => block.cached).map((block) => block.where);
      const totalTokens = estimate(blocks.reduce((sum, block) => sum + block.json.length, 0));
      const outcome = {
        breakpoints,
        inputTokens: totalTokens,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      };
      if (breakpoints.length > MAX_CACHE_BREAKPOINTS) {
        return {
          ...outcome,
          error: `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints.length}.`,
        };
      }
      const hash = createHash("sha256");
      let chars = 0;
      let readChars = 0;
      let cachedChars = 0;
      for (const block of blocks) {
        hash.update(block.json);
        chars += block.json.length;
        if (!block.cached || estimate(chars) < MIN_CACHEABLE_TOKENS) continue;
        const key = hash.copy().digest("hex");
        if (remembered.has(key)) readChars = chars;
        else remembered.add(key);
        cachedChars = chars;
      }
      if (remembered.size > REMEMBERED_PREFIXES) remembered = new Set();
      outcome.cacheReadTokens = readChars === 0 ? 0 : estimate(readChars);
      outcome.cacheWriteTokens = cachedChars > readChars ? estimate(cachedChars - readChars) : 0;
      // Anthropic's input_tokens counts only what came after the last breakpoint.
      outcome.inputTokens = Math.max(
        0,
        totalTokens - outcome.cacheReadTokens - outcome.cacheWriteTokens,
      );
      return outcome;
    },
    reset() {
      remembered = new Set();
    },
  };
}

function blocksOf(body: Record<string, unknown>): Block[] {
  const blocks: Block[] = [];
  const add = (where: string, value: unknown) => {
    const cached = typeof value === "object" && value !== null && "cache_control" in value;
    blocks.push({ where, json: JSON.stringify(value), cached });
  };
  (Array.isArray(body.tools) ? body.tools : []).forEach((tool, index) => {
    add(`tools[${index}]`, tool);
  });
  if (typeof body.system === "string") add("system", body.system);
  else if (Array.isArray(body.system)) {
    body.system.forEach((block, index) => {
      add(`system[${index}]`, block);
    });
  }
  (Array.isArray(body.messages) ? body.messages : []).forEach((message, index) => {
    const content = (message as { content?: unknown }).content;
    if (!Array.isArray(content)) {
      add(`messages[${index}]`, message);
      return;
    }
    content.forEach((block, part) => {
      add(`messages[${index}].content[${part}]`, block);
    });
  });
  return blocks;
}

function estimate(chars: number): number {
  return Math.ceil(chars / 4);
}
