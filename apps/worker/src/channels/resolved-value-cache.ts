/**
 * Values that never change for a key (a bot token's own identity), looked up once per isolate.
 * Only resolved values are shared: a pending lookup belongs to the request that started it, and
 * in Workers I/O begun by a request that is cancelled may never settle, so sharing the promise
 * could leave every later request waiting on it. Concurrent first lookups each ask upstream.
 */
export function createResolvedValueCache<T>() {
  const values = new Map<string, T>();
  return {
    async get(key: string, lookup: () => Promise<T>): Promise<T> {
      if (values.has(key)) return values.get(key) as T;
      const value = await lookup();
      values.set(key, value);
      return value;
    },
  };
}
