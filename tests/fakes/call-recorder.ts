export const DEFAULT_WAIT_TIMEOUT_MS = 5_000;

export interface CallRecorder<T> {
  record(call: T): void;
  list(filter?: (call: T) => boolean): T[];
  clear(): void;
  /**
   * Resolves with the matching calls once there are at least `count` of them. Replies are sent
   * after a webhook is acknowledged, so tests wait for the effect instead of sleeping.
   */
  waitFor(filter: (call: T) => boolean, count: number, timeoutMs?: number): Promise<T[]>;
}

interface Waiter<T> {
  filter: (call: T) => boolean;
  count: number;
  resolve: (calls: T[]) => void;
}

export function createCallRecorder<T>(): CallRecorder<T> {
  const calls: T[] = [];
  const waiters = new Set<Waiter<T>>();

  const settleWaiters = () => {
    for (const waiter of waiters) {
      const matching = calls.filter(waiter.filter);
      if (matching.length >= waiter.count) {
        waiters.delete(waiter);
        waiter.resolve(matching);
      }
    }
  };

  return {
    record(call) {
      calls.push(call);
      settleWaiters();
    },
    list(filter) {
      return filter ? calls.filter(filter) : [...calls];
    },
    clear() {
      calls.length = 0;
    },
    waitFor(filter, count, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS) {
      const matching = calls.filter(filter);
      if (matching.length >= count) return Promise.resolve(matching);
      return new Promise<T[]>((resolve, reject) => {
        const waiter: Waiter<T> = {
          filter,
          count,
          resolve: (found) => {
            clearTimeout(timer);
            resolve(found);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = calls.filter(filter).length;
          reject(
            new Error(`timed out after ${timeoutMs} ms waiting for ${count} calls (saw ${seen})`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
