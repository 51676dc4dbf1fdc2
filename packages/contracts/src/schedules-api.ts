import { z } from "zod";

/** A reminder or recurring task, as `GET /api/users/{userId}/schedules` lists it. */
export const scheduleSummarySchema = z.object({
  id: z.string(),
  /** What the agent will do or say when it fires, in the person's words. */
  description: z.string(),
  kind: z.enum(["once", "cron"]),
  /** For `cron`: the expression, evaluated in `timeZone`. */
  cron: z.string().nullable(),
  timeZone: z.string(),
  nextRunAt: z.number().nullable(),
  /** The channel the result goes to, e.g. `telegram` or `slack`. */
  channel: z.string(),
});
export type ScheduleSummary = z.infer<typeof scheduleSummarySchema>;
