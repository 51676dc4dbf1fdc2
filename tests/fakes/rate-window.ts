/** At most `max` calls per key in any `windowMs`: how the real APIs meter edits and drafts. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface RateWindow {
  /** Counts a call; the seconds to wait (as `retry_after`) when it is one too many, else undefined. */
  take(key: string, now?: number): number | undefined;
  setLimit(limit: RateLimit): void;
  clear(): void;
}

export function createRateWindow(initial: RateLimit): RateWindow {
  let limit = initial;
  const calls = new Map<string, number[]>();
  return {
    take(key, now = Date.now()) {
      const recent = (calls.get(key) ?? []).filter((at) => now - at < limit.windowMs);
      if (recent.length >= limit.max) {
        calls.set(key, recent);
        const oldest = recent[0] ?? now;
        return Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
      }
      recent.push(now);
      calls.set(key, recent);
      return undefined;
    },
    setLimit(next) {
      limit = next;
      calls.clear();
    },
    clear() {
      calls.clear();
    },
  };
}
