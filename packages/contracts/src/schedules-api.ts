import { z } from "zod";

/** A reminder or recurring task, as `GET /api/users/{userId}/schedules` lists it. */
export const scheduleSummarySchema = z.object({
  id: z.string(),
  /** What the agent will do or say when it fires, in the person's words. */
  description: z.string(),
  kind: z.enum(["once", "cron"]),
  /** `say` sends the description as is; `task` runs it as an instruction for the agent. */
  action: z.enum(["say", "task"]),
  /** For `cron`: the expression, evaluated in `timeZone`. */
  cron: z.string().nullable(),
  timeZone: z.string(),
  nextRunAt: z.number().nullable(),
  /** The channel the result goes to, e.g. `telegram` or `slack`. */
  channel: z.string(),
});
export type ScheduleSummary = z.infer<typeof scheduleSummarySchema>;

export const scheduleListSchema = z.object({ schedules: z.array(scheduleSummarySchema) });
export type ScheduleList = z.infer<typeof scheduleListSchema>;
