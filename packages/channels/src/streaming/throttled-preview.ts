/** A message that shows an answer while it is written, and then gives way to the final reply. */
export interface LivePreview {
  /** Shows this whole text in place of what was shown; only the latest text is ever sent. */
  show(text: string): void;
  /** Stops the preview. Once the promise settles no call is in flight and none will start. */
  close(): Promise<PreviewStats>;
}

export interface PreviewStats {
  /** Calls made to the platform, refused ones included. */
  calls: number;
  /** Calls the platform refused for going too fast (429). */
  rateLimited: number;
}

export interface ThrottledPreviewOptions {
  /** Sends one preview; rejects with the platform's error. */
  send(text: string): Promise<void>;
  /** The shortest time between two calls. */
  minIntervalMs: number;
  /** How long the platform asked us to wait, when `error` is a rate limit; undefined otherwise. */
  rateLimitWaitMs(error: unknown): number | undefined;
  /**
   * Text that only grew by fewer characters than this waits for more (a status line or a text
   * that changed otherwise goes out at once); the first text always goes out at once.
   */
  minGrowthChars?: number;
  now?: () => number;
}

/**
 * Sends previews at most once per `minIntervalMs` and never two at once. Text that comes in
 * between is coalesced: when the wait is over only the newest text goes out, so a burst of
 * edits can never happen, and a 429 pushes the next call past its `retry_after` instead of
 * queueing the drafts it skipped. Any other failure ends the preview quietly: it is a courtesy,
 * and the final reply goes through the outbox either way.
 */
export function createThrottledPreview(options: ThrottledPreviewOptions): LivePreview {
  const now = options.now ?? Date.now;
  const minGrowth = options.minGrowthChars ?? 0;
  const stats: PreviewStats = { calls: 0, rateLimited: 0 };
  let latest: string | undefined;
  let shown: string | undefined;
  let inFlight: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let nextAllowedAt = 0;
  let stopped = false;

  const worthSending = (text: string): boolean => {
    if (shown === undefined) return true;
    if (text === shown) return false;
    if (!text.startsWith(shown)) return true;
    return text.length - shown.length >= minGrowth;
  };

  const pump = (): void => {
    if (stopped || inFlight || timer || latest === undefined || !worthSending(latest)) return;
    const wait = nextAllowedAt - now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        pump();
      }, wait);
      return;
    }
    const text = latest;
    stats.calls += 1;
    inFlight = options
      .send(text)
      .then(
        () => {
          shown = text;
          nextAllowedAt = now() + options.minIntervalMs;
        },
        (error: unknown) => {
          const waitMs = options.rateLimitWaitMs(error);
          if (waitMs === undefined) {
            stopped = true;
            return;
          }
          stats.rateLimited += 1;
          nextAllowedAt = now() + Math.max(waitMs, options.minIntervalMs);
        },
      )
      .finally(() => {
        inFlight = undefined;
        pump();
      });
  };

  return {
    show(text) {
      if (stopped || text.trim() === "") return;
      latest = text;
      pump();
    },
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
      return { ...stats };
    },
  };
}
