import { asRecord, optionalNumber } from "./control-routes.ts";

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

/** A control route's `{ max, windowMs }` body, both required. */
export function parseRateLimitBody(body: unknown, what: string): RateLimit {
  const input = asRecord(body, what);
  const max = optionalNumber(input.max, "max");
  const windowMs = optionalNumber(input.windowMs, "windowMs");
  if (max === undefined || windowMs === undefined) throw new Error("max and windowMs are required");
  return { max, windowMs };
}
