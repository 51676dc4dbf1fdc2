import type { DailyActivity } from "@molt/contracts";
import { utcDay } from "./agent-store";

const DAY_MS = 86_400_000;

/** Inbound messages and tokens per UTC day for the last `days` days, oldest first. */
export function readDailyActivity(sql: SqlStorage, now: number, days: number): DailyActivity[] {
  const firstDayStart = Date.parse(`${utcDay(now)}T00:00:00Z`) - (days - 1) * DAY_MS;
  const dayList = Array.from({ length: days }, (_, index) =>
    utcDay(firstDayStart + index * DAY_MS),
  );
  const messages = new Map(
    sql
      .exec<{ day: string; count: number }>(
        `SELECT strftime('%Y-%m-%d', received_at / 1000, 'unixepoch') AS day, COUNT(*) AS count
         FROM inbox WHERE received_at >= ? GROUP BY day`,
        firstDayStart,
      )
      .toArray()
      .map((row) => [row.day, row.count]),
  );
  const tokens = new Map(
    sql
      .exec<{ day: string; tokens: number }>(
        "SELECT day, input_tokens + output_tokens AS tokens FROM usage_daily WHERE day >= ?",
        dayList[0] ?? "",
      )
      .toArray()
      .map((row) => [row.day, row.tokens]),
  );
  return dayList.map((day) => ({
    day,
    messages: messages.get(day) ?? 0,
    tokens: tokens.get(day) ?? 0,
  }));
}
