import type { AdminOverview, ConfigCheck } from "@molt/contracts";
import { timeAgo } from "./readable-time";

/** A failure older than this, with no call since, no longer marks the model row as failing. */
const RECENT_MS = 24 * 60 * 60 * 1000;

/** A configuration check as the dashboard shows it: set up, but failing when it is used. */
export type ShownCheck = ConfigCheck & { failing?: boolean };

/**
 * The configuration says whether the model is set up; the overview says how its calls went. When
 * the latest call (across all agents) failed recently, the model row shows that failure.
 */
export function withModelHealth(
  checks: ConfigCheck[],
  overview: AdminOverview | undefined,
  now = Date.now(),
): ShownCheck[] {
  const error = overview?.lastModelError;
  const failingNow =
    error && error.at > (overview.lastModelSuccessAt ?? 0) && now - error.at < RECENT_MS;
  if (!failingNow) return checks;
  return checks.map((check) =>
    check.name === "model" && check.ok
      ? {
          ...check,
          ok: false,
          failing: true,
          detail: `${check.detail} is configured, but the last call failed ${timeAgo(error.at, now)}: ${error.message}`,
        }
      : check,
  );
}
