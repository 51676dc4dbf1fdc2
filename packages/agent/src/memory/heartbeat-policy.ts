/** The model's answer when a heartbeat finds nothing worth a message; it is never sent. */
export const HEARTBEAT_OK = "HEARTBEAT_OK";

export const HEARTBEAT_PROMPT = `[Heartbeat] Go through the checklist in HEARTBEAT.md (use your tools if needed). If something needs the person's attention now, write them a short message. Otherwise answer exactly ${HEARTBEAT_OK}.`;

/** Whether HEARTBEAT.md lists anything to check: list items, not just headings and prose. */
export function hasHeartbeatItems(text: string | null): boolean {
  return (text ?? "").split("\n").some((line) => /^\s*([-*+]|\d+[.)])\s+\S/.test(line));
}

/** `start-end` local hours, end exclusive (e.g. `8-22`); a start after the end wraps midnight. */
export function isWithinActiveHours(hour: number, activeHours: string | undefined): boolean {
  const match = /^(\d{1,2})-(\d{1,2})$/.exec(activeHours ?? "");
  if (!match) return true;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
}

export function isHeartbeatOk(reply: string): boolean {
  return reply.trim().replace(/[.!*`]/g, "") === HEARTBEAT_OK || reply.trim().length === 0;
}
