import { useCallback, useEffect, useRef, useState } from "react";
import { describeError } from "../api/request-json";

export interface AsyncData<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Loads `load()` on mount and on `reload()`. `load` must be stable, e.g. a module function. */
export function useAsyncData<T>(load: () => Promise<T>): AsyncData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  // Only the latest request may write, so a slow earlier answer never overwrites a newer one.
  const latestRequest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latestRequest.current;
    setLoading(true);
    try {
      const value = await load();
      if (request !== latestRequest.current) return;
      setData(value);
      setError(undefined);
    } catch (failure) {
      if (request !== latestRequest.current) return;
      setError(describeError(failure));
    } finally {
      if (request === latestRequest.current) setLoading(false);
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload };
}
