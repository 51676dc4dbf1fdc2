import type { ReminderSpec, ReminderView } from "@molt/agent";
import { type InboundMessage, inboundMessageSchema } from "@molt/contracts";

export interface ReminderRow extends ReminderView {
  /** The message that asked for it: where it is delivered and whose turn a task runs as. */
  origin: InboundMessage;
  scheduleId: string | null;
}

type RawRow = {
  id: string;
  action: ReminderSpec["action"];
  text: string;
  kind: ReminderSpec["kind"];
  cron: string | null;
  time_zone: string;
  next_run_at: number;
  origin_json: string;
  schedule_id: string | null;
};

/** Reminders and scheduled tasks; each row's next run is one agents-SDK schedule. */
export class ReminderStore {
  /** The table is created by the agent's migrations (`user-agent-schema.ts`). */
  constructor(private readonly sql: SqlStorage) {}

  insert(spec: ReminderSpec, origin: InboundMessage, now: number): ReminderRow {
    const id = `r${now.toString(36)}${crypto.randomUUID().slice(0, 4)}`;
    this.sql.exec(
      `INSERT INTO reminders (id, action, text, kind, cron, time_zone, next_run_at, origin_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      spec.action,
      spec.text,
      spec.kind,
      spec.cron,
      spec.timeZone,
      spec.nextRunAt,
      JSON.stringify(origin),
      now,
    );
    return { ...spec, id, origin, scheduleId: null };
  }

  get(id: string): ReminderRow | undefined {
    return this.select("WHERE id = ?", id)[0];
  }

  list(): ReminderRow[] {
    return this.select("ORDER BY next_run_at");
  }

  /** The reminders asked for in one conversation (what `/reminders` shows there). */
  listFor(conversationKey: string): ReminderRow[] {
    return this.list().filter((row) => row.origin.conversationKey === conversationKey);
  }

  setNextRun(id: string, nextRunAt: number): void {
    this.sql.exec(
      "UPDATE reminders SET next_run_at = ?, schedule_id = NULL WHERE id = ?",
      nextRunAt,
      id,
    );
  }

  setScheduleId(id: string, scheduleId: string): void {
    this.sql.exec("UPDATE reminders SET schedule_id = ? WHERE id = ?", scheduleId, id);
  }

  delete(id: string): boolean {
    return this.sql.exec("DELETE FROM reminders WHERE id = ?", id).rowsWritten > 0;
  }

  private select(clause: string, ...bindings: unknown[]): ReminderRow[] {
    return this.sql
      .exec<RawRow>(
        `SELECT id, action, text, kind, cron, time_zone, next_run_at, origin_json, schedule_id
         FROM reminders ${clause}`,
        ...bindings,
      )
      .toArray()
      .map((row) => ({
        id: row.id,
        action: row.action,
        text: row.text,
        kind: row.kind,
        cron: row.cron,
        timeZone: row.time_zone,
        nextRunAt: row.next_run_at,
        origin: inboundMessageSchema.parse(JSON.parse(row.origin_json)),
        scheduleId: row.schedule_id,
      }));
  }
}
