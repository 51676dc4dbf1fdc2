/** Matches any key, e.g. `{ method: "*" }` fails whatever the next call is. */
export const ANY_KEY = "*";

export interface FailureQueue<F> {
  add(key: string, times: number, failure: F): void;
  /** Consumes one failure for `key` if one is queued; injected failures are used up in order. */
  take(key: string): F | undefined;
  pending(): Array<{ key: string; remaining: number; failure: F }>;
  clear(): void;
}

export function createFailureQueue<F>(): FailureQueue<F> {
  const entries: Array<{ key: string; remaining: number; failure: F }> = [];
  return {
    add(key, times, failure) {
      if (!Number.isInteger(times) || times < 1)
        throw new Error("times must be a positive integer");
      entries.push({ key, remaining: times, failure });
    },
    take(key) {
      const entry = entries.find((e) => e.key === key || e.key === ANY_KEY);
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining === 0) entries.splice(entries.indexOf(entry), 1);
      return entry.failure;
    },
    pending() {
      return entries.map((e) => ({ ...e }));
    },
    clear() {
      entries.length = 0;
    },
  };
}
