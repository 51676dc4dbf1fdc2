import type { OptionalData } from "../hooks/use-optional-data";
import { ErrorMessage } from "./error-message";

/** Loading, error and "not available" states of a section whose API may be missing. */
export function SectionState<T>({ result, what }: { result: OptionalData<T>; what: string }) {
  switch (result.state) {
    case "loading":
      return result.data === undefined ? <p className="muted">Loading {what}…</p> : null;
    case "unavailable":
      return (
        <p className="muted unavailable" data-testid="not-available">
          {what[0]?.toUpperCase()}
          {what.slice(1)}: not available on this server yet.
        </p>
      );
    case "error":
      return <ErrorMessage message={result.message} />;
    case "ready":
      return null;
  }
}

export function formatTime(at: number | null | undefined): string {
  return at ? new Date(at).toLocaleString() : "—";
}
