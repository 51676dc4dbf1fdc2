/**
 * A model provider's automatic prompt cache, as OpenAI documents it: a request whose prompt
 * starts with the same text as a recent request reuses that prefix, only for prompts of at least
 * 1,024 tokens, and the cached part grows in steps of 128 tokens. The prompt is the tools followed
 * by the messages, serialized as sent. It also reports the exact length of the shared prefix,
 * which the prompt-cache benchmark prints.
 */

export const MIN_CACHED_PROMPT_TOKENS = 1024;
export const CACHE_STEP_TOKENS = 128;
/** How many recent prompts are remembered (the real cache lasts minutes, this one N requests). */
const REMEMBERED_PROMPTS = 64;

export interface PrefixObservation {
  promptChars: number;
  /** Characters at the start of this prompt that a remembered prompt also started with. */
  sharedPrefixChars: number;
}

export interface PromptPrefixCache {
  observe(prompt: string): PrefixObservation;
  reset(): void;
}

export function createPromptPrefixCache(): PromptPrefixCache {
  let recent: string[] = [];
  return {
    observe(prompt) {
      let shared = 0;
      for (const earlier of recent) shared = Math.max(shared, commonPrefixLength(prompt, earlier));
      recent.push(prompt);
      if (recent.length > REMEMBERED_PROMPTS) recent = recent.slice(-REMEMBERED_PROMPTS);
      return { promptChars: prompt.length, sharedPrefixChars: shared };
    },
    reset() {
      recent = [];
    },
  };
}

/** What OpenAI reports as `cached_tokens` for a shared prefix of this many tokens. */
export function cachedTokensFor(sharedPrefixTokens: number, promptTokens: number): number {
  if (promptTokens < MIN_CACHED_PROMPT_TOKENS || sharedPrefixTokens < MIN_CACHED_PROMPT_TOKENS) {
    return 0;
  }
  const steps = Math.floor((sharedPrefixTokens - MIN_CACHED_PROMPT_TOKENS) / CACHE_STEP_TOKENS);
  return MIN_CACHED_PROMPT_TOKENS + steps * CACHE_STEP_TOKENS;
}

/** The serialized prompt of a chat completions body: tools first, as providers order it. */
export function serializedPrompt(body: Record<string, unknown>): string {
  return JSON.stringify(body.tools ?? []) + JSON.stringify(body.messages ?? []);
}

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}
