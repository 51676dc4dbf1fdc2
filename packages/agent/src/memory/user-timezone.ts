import { DEFAULT_TIME_ZONE, isValidTimeZone } from "../time/zoned-time";

const TIMEZONE_LINE = /^(\s*[-*]?\s*\**timezone\**\s*:\s*)(.*)$/im;

/** The `Timezone:` line of USER.md, when it names a real IANA zone; UTC otherwise. */
export function readTimeZone(userFile: string | null): string {
  const value = userFile ? TIMEZONE_LINE.exec(userFile)?.[2]?.trim() : undefined;
  return value && isValidTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}

/** USER.md with its `Timezone:` line set to `timeZone` (added when missing). */
export function writeTimeZone(userFile: string | null, timeZone: string): string {
  const text = userFile ?? "# About the person\n";
  if (TIMEZONE_LINE.test(text)) {
    return text.replace(TIMEZONE_LINE, (_line, label: string) => `${label}${timeZone}`);
  }
  return `${text.trimEnd()}\nTimezone: ${timeZone}\n`;
}
