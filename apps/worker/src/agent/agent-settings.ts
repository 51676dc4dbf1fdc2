import type { z } from "zod";

/**
 * The agent's one key/value place (the `agent_settings` table): the person's own token cap,
 * where heartbeats go, the browser session and tab, the computer's runtime token, turn
 * placeholders. Structured values are JSON read back through their schema; a value that no
 * longer parses reads as missing, so a changed shape never breaks a wake-up.
 */
export class AgentSettings {
  constructor(private readonly sql: SqlStorage) {}

  text(key: string): string | null {
    return (
      this.sql
        .exec<{ value: string }>("SELECT value FROM agent_settings WHERE key = ?", key)
        .toArray()[0]?.value ?? null
    );
  }

  setText(key: string, value: string): void {
    this.sql.exec(
      "INSERT INTO agent_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      key,
      value,
    );
  }

  json<T>(key: string, schema: z.ZodType<T>): T | undefined {
    const text = this.text(key);
    if (text === null) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  setJson(key: string, value: unknown): void {
    this.setText(key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.sql.exec("DELETE FROM agent_settings WHERE key = ?", key);
  }
}
