/**
 * What the offline dev model understands: a few recognizable requests it turns into the real
 * tool calls, so memory, reminders, the computer and the browser can be tried without a key.
 */
export interface DevToolCall {
  toolName: string;
  input: Record<string, unknown>;
  /** The toolset `use_tools` turns on to offer the tool; absent for the always-offered core. */
  toolset?: string;
}

export type DevIntent =
  | { kind: "tool"; call: DevToolCall; fallback?: DevToolCall }
  | { kind: "help" }
  | { kind: "echo" };

const MINUTE_MS = 60_000;

/** Examples shown by "help" and under every echo; each line is something to type. */
export const DEV_MODEL_EXAMPLES = [
  "remember that my favourite colour is green",
  "what do you remember about colour",
  "remind me in 2 minutes to stretch",
  "list my reminders",
  "run uname -a && ls -la",
  "open https://example.com",
  "take a screenshot",
  "fetch https://example.com",
];

type Rule = [RegExp, (match: RegExpExecArray, localNow: Date | undefined) => DevIntent];

/** Tried in order; the first pattern that matches the whole message decides. */
const RULES: Rule[] = [
  [/^(help|what can you do\??)$/i, () => ({ kind: "help" })],
  [
    /^remember(?: that)?\s+(.+)$/is,
    (match) => tool("remember", { text: clean(match[1]), where: "long_term" }),
  ],
  [
    /^(?:what do you (?:remember|know) about|search (?:my )?memory for)\s+(.+)$/i,
    (match) => tool("search_memory", { query: clean(match[1]).replace(/[?.!]+$/, "") }),
  ],
  [/^forget\s+(.{3,})$/i, (match) => tool("forget", { text: clean(match[1]) })],
  [
    /^remind me in (\d{1,4}) (minutes?|hours?)(?: to)?\s+(.+)$/i,
    (match, localNow) => {
      const minutes = Number(match[1]) * (/^hour/i.test(match[2] ?? "") ? 60 : 1);
      const base = localNow ?? new Date();
      return tool("set_reminder", {
        text: clean(match[3]),
        at: formatWallClock(new Date(base.getTime() + Math.max(1, minutes) * MINUTE_MS)),
        action: "say",
      });
    },
  ],
  [/^(?:list )?(?:my )?reminders\??$/i, () => tool("list_reminders", {})],
  [/^(?:run|\$)\s+(.+)$/is, (match) => tool("shell", { command: match[1] }, "computer")],
  [
    /^(?:open|browse|go to)\s+(\S+)$/i,
    (match) => {
      const url = withScheme(match[1] ?? "");
      return {
        kind: "tool",
        call: { toolName: "browser_open", input: { url }, toolset: "browser" },
        fallback: { toolName: "web_fetch", input: { url }, toolset: "web" },
      };
    },
  ],
  [/^(?:take a )?screenshot$/i, () => tool("browser_screenshot", {}, "browser")],
  [
    /^(?:fetch|read)\s+(\S+)$/i,
    (match) => tool("web_fetch", { url: withScheme(match[1] ?? "") }, "web"),
  ],
];

/** Reads the request in the person's last message; `localNow` is their wall clock, if known. */
export function readDevIntent(said: string, localNow: Date | undefined): DevIntent {
  const text = said.trim();
  for (const [pattern, toIntent] of RULES) {
    const match = pattern.exec(text);
    if (match) return toIntent(match, localNow);
  }
  return { kind: "echo" };
}

/** The person's local time as the system prompt states it ("their local time is 2026-01-05 09:30"). */
export function readLocalNow(system: string): Date | undefined {
  const local = /local time is (\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})/.exec(system);
  if (local) return new Date(`${local[1]}T${local[2]}:${local[3]}:00Z`);
  return undefined;
}

function tool(toolName: string, input: Record<string, unknown>, toolset?: string): DevIntent {
  return { kind: "tool", call: { toolName, input, ...(toolset ? { toolset } : {}) } };
}

function clean(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function withScheme(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`;
}

/** `YYYY-MM-DDTHH:MM` of a Date whose UTC fields hold a wall-clock time. */
function formatWallClock(date: Date): string {
  return date.toISOString().slice(0, 16);
}
