const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "just now", "5 min ago", "3 h ago", then the date: how long ago something happened. */
export function timeAgo(at: number, now = Date.now()): string {
  const elapsed = now - at;
  if (elapsed < MINUTE_MS) return "just now";
  if (elapsed < HOUR_MS) return `${Math.floor(elapsed / MINUTE_MS)} min ago`;
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / HOUR_MS)} h ago`;
  return formatDateTime(at);
}

/** "30 Nov 2026, 09:12" in the browser's locale and time zone. */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** A session id is `<conversation key>@<start ms>`: named by when it started. */
export function sessionLabel(sessionId: string): string {
  const started = Number(sessionId.slice(sessionId.lastIndexOf("@") + 1));
  return Number.isFinite(started) && started > 0
    ? `Session started ${formatDateTime(started)}`
    : "Session";
}

/** "Mon 30" for a UTC day `YYYY-MM-DD`, for chart labels. */
export function shortDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", timeZone: "UTC" });
}
