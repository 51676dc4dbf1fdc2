import { DEFAULT_WAIT_TIMEOUT_MS } from "./call-recorder.ts";
import { asRecord, type ControlRoutes, optionalNumber } from "./control-routes.ts";

/** What every recording fake lets a test do with the calls it received. */
export interface RecordedCallsControl<T> {
  /** The name of the listing route: `calls` (`GET calls`) or `requests` (`GET requests`). */
  listName: string;
  /** Whether `GET wait` must name a `method` (fakes of APIs with several methods). */
  methodRequired: boolean;
  list(method: string | undefined): T[];
  waitFor(method: string | undefined, count: number, timeoutMs: number): Promise<T[]>;
  setLatency(ms: number): void;
  reset(): void;
}

/**
 * The control routes every recording fake shares: list the recorded calls, wait for some
 * (408 with what was seen when they do not come), add latency, and reset.
 */
export function recordedCallsRoutes<T>(control: RecordedCallsControl<T>): ControlRoutes {
  const methodOf = (url: URL) => url.searchParams.get("method") ?? undefined;
  return {
    [`GET ${control.listName}`]: ({ url }) => ({ body: control.list(methodOf(url)) }),
    "GET wait": async ({ url }) => {
      const method = methodOf(url);
      if (control.methodRequired && !method) {
        throw new Error("method query parameter is required");
      }
      const count = Number(url.searchParams.get("count") ?? "1");
      const timeoutMs = Number(url.searchParams.get("timeoutMs") ?? DEFAULT_WAIT_TIMEOUT_MS);
      try {
        return { body: await control.waitFor(method, count, timeoutMs) };
      } catch (error) {
        return {
          status: 408,
          body: { error: String(error), [control.listName]: control.list(method) },
        };
      }
    },
    "POST latency": ({ body }) => {
      control.setLatency(optionalNumber(asRecord(body, "latency body").ms, "ms") ?? 0);
      return { body: { ok: true } };
    },
    "POST reset": () => {
      control.reset();
      return { body: { ok: true } };
    },
  };
}
