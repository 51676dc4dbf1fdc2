import { useCallback, useState } from "react";
import { describeError } from "../api/request-json";

/** Runs one button's action at a time and keeps its failure to show next to the button. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }, []);

  return { busy, error, run };
}
