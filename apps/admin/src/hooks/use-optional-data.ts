import { useCallback, useEffect, useRef, useState } from "react";
import { describeError, isUnavailable } from "../api/request-json";

export type OptionalData<T> =
  | { state: "loading"; data?: T }
  | { state: "ready"; data: T }
  | { state: "unavailable" }
  | { state: "error"; message: string; data?: T };

/**
 * Like useAsyncData, for APIs that a deployment may not have yet: a 404 for the route or a 501
 * becomes "unavailable" instead of an error. `load` must be stable (useCallback).
 */
export function useOptionalData<T>(load: () => Promise<T>) {
  const [result, setResult] = useState<OptionalData<T>>({ state: "loading" });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setResult((previous) => ({
      state: "loading",
      data: "data" in previous ? previous.data : undefined,
    }));
    try {
      const data = await load();
      if (request === latest.current) setResult({ state: "ready", data });
    } catch (error) {
      if (request !== latest.current) return;
      setResult(
        isUnavailable(error)
          ? { state: "unavailable" }
          : { state: "error", message: describeError(error) },
      );
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { result, reload };
}
