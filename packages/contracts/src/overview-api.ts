import { z } from "zod";

/** One UTC day of activity: inbound messages and input + output tokens. */
export const dailyActivitySchema = z.object({
  day: z.string(),
  messages: z.number().int(),
  tokens: z.number().int(),
});
export type DailyActivity = z.infer<typeof dailyActivitySchema>;

/** The latest turn the model could not answer, in words the operator can act on. */
export const modelErrorSchema = z.object({
  message: z.string(),
  at: z.number(),
  userId: z.string(),
  /** The model that failed (`provider/model`), when known. */
  model: z.string().optional(),
  /** What the provider said (status and message), for the operator only. */
  detail: z.string().optional(),
});
export type ModelError = z.infer<typeof modelErrorSchema>;

/** `GET /api/overview`: is it working, and what is happening, across all people. */
export const adminOverviewSchema = z.object({
  people: z.number().int(),
  activeToday: z.number().int(),
  messagesToday: z.number().int(),
  tokensToday: z.number().int(),
  modelErrorsToday: z.number().int(),
  lastModelError: modelErrorSchema.nullable(),
  /** When any agent last got an answer from the model; a later `lastModelError` means failing. */
  lastModelSuccessAt: z.number().nullable(),
  pendingPairing: z.number().int(),
  sandboxesAwake: z.number().int(),
  /** The last `OVERVIEW_DAYS` UTC days, oldest first, today last. */
  days: z.array(dailyActivitySchema),
});
export type AdminOverview = z.infer<typeof adminOverviewSchema>;

export const OVERVIEW_DAYS = 14;
