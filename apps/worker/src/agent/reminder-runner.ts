import {
  checkReminderLimits,
  describeReminder,
  nextCronRun,
  type ReminderBook,
  type ReminderLimits,
} from "@molt/agent";
import type { InboundMessage, ScheduleSummary } from "@molt/contracts";
import type { AgentStore } from "./agent-store";
import { type ReminderRow, ReminderStore } from "./reminder-store";

/** What an agents-SDK schedule carries: the reminder and the run it was set for. */
export interface ReminderFirePayload {
  reminderId: string;
  runAt: number;
}

/** The agent's durable scheduling and queue, as the reminders need them. */
export interface ReminderScheduler {
  /** Schedules `fireReminder(payload)` at `at`; returns the schedule id. */
  scheduleReminder(at: Date, payload: ReminderFirePayload): Promise<string>;
  cancelSchedule(id: string): Promise<boolean>;
  /** Hands a recorded inbox message to the queue, like an inbound chat message. */
  queueInbox(inboxId: string): Promise<void>;
  deliverPending(): Promise<void>;
}

/**
 * Reminders in the person's time zone. Each reminder has one pending SDK schedule for its next
 * run; a recurring one computes its following run itself (SDK cron is UTC-only) after firing.
 * A fire is acted on only when it matches the reminder's recorded next run, so a retried or
 * duplicated callback never sends twice.
 */
export class ReminderRunner {
  readonly rows: ReminderStore;

  constructor(
    sql: SqlStorage,
    private readonly store: AgentStore,
    private readonly scheduler: ReminderScheduler,
  ) {
    this.rows = new ReminderStore(sql);
  }

  bookFor(origin: InboundMessage, limits: ReminderLimits): ReminderBook {
    const key = origin.conversationKey;
    return {
      add: async (spec) => {
        const now = Date.now();
        // Counted and inserted in one synchronous step: parallel tool calls cannot all slip in.
        const recurring = this.rows.list().filter((row) => row.kind === "cron").length;
        checkReminderLimits(spec, recurring, limits, now);
        const row = this.rows.insert(spec, origin, now);
        await this.scheduleRun(row.id, row.nextRunAt);
        return row;
      },
      list: async () => this.rows.listFor(key),
      // Only reminders of this chat can be cancelled from it.
      cancel: async (id) =>
        this.rows.get(id)?.origin.conversationKey === key ? this.cancel(id) : false,
    };
  }

  async cancel(id: string): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row) return false;
    this.rows.delete(id);
    if (row.scheduleId) await this.scheduler.cancelSchedule(row.scheduleId);
    return true;
  }

  listText(conversationKey: string): string {
    const rows = this.rows.listFor(conversationKey);
    if (rows.length === 0)
      return 'No reminders here. Ask me, e.g. "remind me at 9 tomorrow to call Ana".';
    return ["Reminders in this chat:", ...rows.map((row) => `• ${describeReminder(row)}`)].join(
      "\n",
    );
  }

  summaries(): ScheduleSummary[] {
    return this.rows.list().map((row) => ({
      id: row.id,
      description: row.text,
      kind: row.kind,
      action: row.action,
      cron: row.cron,
      timeZone: row.timeZone,
      nextRunAt: row.nextRunAt,
      channel: row.origin.channel,
    }));
  }

  /** Returns what the run did: "said", "task_queued", or "skipped" for a stale or repeated fire. */
  async fire(payload: ReminderFirePayload): Promise<"said" | "task_queued" | "skipped"> {
    const row = this.rows.get(payload.reminderId);
    if (!row || row.nextRunAt !== payload.runAt) return "skipped";
    const now = Date.now();
    let next: number | null = null;
    if (row.kind === "cron" && row.cron) {
      next = nextCronRun(row.cron, row.timeZone, Math.max(now, payload.runAt));
      this.rows.setNextRun(row.id, next);
    } else {
      this.rows.delete(row.id);
    }
    await this.produce(row, payload.runAt, now);
    if (next !== null) await this.scheduleRun(row.id, next);
    await this.scheduler.deliverPending();
    return row.action === "say" ? "said" : "task_queued";
  }

  /** After a restart: every reminder without a pending schedule gets one (a missed run fires now). */
  async reconcile(knownScheduleIds: ReadonlySet<string>): Promise<void> {
    for (const row of this.rows.list()) {
      if (!row.scheduleId || !knownScheduleIds.has(row.scheduleId)) {
        await this.scheduleRun(row.id, row.nextRunAt);
      }
    }
  }

  private async produce(row: ReminderRow, runAt: number, now: number): Promise<void> {
    const { origin } = row;
    if (row.action === "say") {
      // A fresh message, not a reply to the one that asked for it days ago.
      const address = { ...origin.address, replyToMessageId: undefined };
      this.store.enqueueReply(null, origin.conversationKey, address, `⏰ ${row.text}`, now);
      return;
    }
    const task: InboundMessage = {
      ...origin,
      id: `reminder:${row.id}:${runAt}`,
      text: `[Scheduled task the person set earlier; do it now and answer them] ${row.text}`,
      command: undefined,
      receivedAt: now,
    };
    if (this.store.recordInbound(task, now)) await this.scheduler.queueInbox(task.id);
  }

  private async scheduleRun(id: string, at: number): Promise<void> {
    const scheduleId = await this.scheduler.scheduleReminder(new Date(at), {
      reminderId: id,
      runAt: at,
    });
    this.rows.setScheduleId(id, scheduleId);
  }
}
