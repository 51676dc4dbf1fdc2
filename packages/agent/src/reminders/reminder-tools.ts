import { tool } from "ai";
import { z } from "zod";
import { formatLocalDateTime } from "../time/zoned-time";
import { toolError } from "../tools/tool-error";
import { ReminderLimitError } from "./reminder-limits";
import { nextCronRun, parseLocalDateTime, ReminderTimeError, validateCron } from "./reminder-time";

export interface ReminderSpec {
  /** "say": the text is sent as is; "task": the agent runs a turn with it as instructions. */
  action: "say" | "task";
  text: string;
  kind: "once" | "cron";
  cron: string | null;
  timeZone: string;
  nextRunAt: number;
}

export interface ReminderView extends ReminderSpec {
  id: string;
}

/** Where reminders are kept; the Worker implements it with durable agent schedules. */
export interface ReminderBook {
  /** Throws `ReminderLimitError` when the person's limits refuse it (checked with the insert). */
  add(spec: ReminderSpec): Promise<ReminderView>;
  list(): Promise<ReminderView[]>;
  cancel(id: string): Promise<boolean>;
}

export interface ReminderToolsContext {
  book: ReminderBook;
  timeZone: string;
  now: () => number;
}

/** Turns the model's structured request into a reminder spec, in the person's zone. */
export function planReminder(
  input: { text: string; at?: string; cron?: string; action: "say" | "task" },
  timeZone: string,
  now: number,
): ReminderSpec {
  if ((input.at ? 1 : 0) + (input.cron ? 1 : 0) !== 1) {
    throw new ReminderTimeError("Give exactly one of `at` or `cron`.");
  }
  if (input.cron) {
    validateCron(input.cron);
    const nextRunAt = nextCronRun(input.cron, timeZone, now);
    return {
      action: input.action,
      text: input.text,
      kind: "cron",
      cron: input.cron,
      timeZone,
      nextRunAt,
    };
  }
  const nextRunAt = parseLocalDateTime(input.at ?? "", timeZone);
  if (nextRunAt <= now) throw new ReminderTimeError(`${input.at} is already past in ${timeZone}.`);
  return { action: input.action, text: input.text, kind: "once", cron: null, timeZone, nextRunAt };
}

export function describeReminder(reminder: ReminderView): string {
  const when = formatLocalDateTime(reminder.nextRunAt, reminder.timeZone);
  const repeat = reminder.kind === "cron" ? `, repeats "${reminder.cron}"` : "";
  return `${reminder.id}: ${reminder.text} (next ${when} ${reminder.timeZone}${repeat})`;
}

/** set_reminder / list_reminders / cancel_reminder. Times are the person's local wall clock. */
export function createReminderTools(context: ReminderToolsContext) {
  return {
    set_reminder: tool({
      description:
        "Schedule a reminder into this chat, in the person's time zone. Use `at` (local 'YYYY-MM-DDTHH:MM') for once, or `cron` (5 fields, local time, e.g. '0 8 * * 1-5') to repeat. action 'say' sends the text; 'task' runs it as an instruction for you (e.g. 'sum up my open todos').",
      inputSchema: z.object({
        text: z.string().min(1).max(1000),
        at: z.string().optional(),
        cron: z.string().optional(),
        action: z.enum(["say", "task"]).default("say"),
      }),
      execute: async (input) => {
        try {
          const reminder = await context.book.add(
            planReminder(input, context.timeZone, context.now()),
          );
          return { scheduled: describeReminder(reminder) };
        } catch (error) {
          if (error instanceof ReminderTimeError || error instanceof ReminderLimitError) {
            return toolError(error.message);
          }
          throw error;
        }
      },
    }),
    list_reminders: tool({
      description: "List scheduled reminders and tasks.",
      inputSchema: z.object({}),
      execute: async () => ({ reminders: (await context.book.list()).map(describeReminder) }),
    }),
    cancel_reminder: tool({
      description: "Cancel a reminder by its id.",
      inputSchema: z.object({ id: z.string().min(1) }),
      execute: async ({ id }) => ({ cancelled: await context.book.cancel(id) }),
    }),
  };
}
