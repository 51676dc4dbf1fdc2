/** Matches any key, e.g. `{ method: "*" }` fails whatever the next call is. */
export const ANY_KEY = "*";

export interface FailureQueue<F> {
  /** `after` lets that many matching calls through before the failures start. */
  add(key: string, times: number, failure: F, after?: number): void;
  /** Consumes one failure for `key` if one is queued; injected failures are used up in order. */
  take(key: string): F | undefined;
  pending(): Array<{ key: string; remaining: number; failure: F }>;
  clear(): void;
}

export function createFailureQueue<F>(): FailureQueue<F> {
  const entries: Array<{ key: string; remaining: number; failure: F; skip: number }> = [];
  return {
    add(key, times, failure, after = 0) {
      if (!Number.isInteger(times) || times < 1)
        throw new Error("times must be a positive integer");
      if (!Number.isInteger(after) || after < 0)
        throw new Error("after must be a non-negative integer");
      entries.push({ key, remaining: times, failure, skip: after });
    },
    take(key) {
      const entry = entries.find((e) => e.key === key || e.key === ANY_KEY);
      if (!entry) return undefined;
      if (entry.skip > 0) {
        entry.skip -= 1;
        return undefined;
      }
      entry.remaining -= 1;
      if (entry.remaining === 0) entries.splice(entries.indexOf(entry), 1);
      return entry.failure;
    },
    pending() {
      return entries.map(({ key, remaining, failure }) => ({ key, remaining, failure }));
    },
    clear() {
      entries.length = 0;
    },
  };
}
