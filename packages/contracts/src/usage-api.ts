import { z } from "zod";

/** `GET /api/users/{userId}/usage`: today's token use (UTC day) against the daily cap. */
export const usageReportSchema = z.object({
  day: z.string(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  turns: z.number().int(),
  /** Input tokens the provider read from its prompt cache (counted in `inputTokens` too). */
  cachedInputTokens: z.number().int(),
  /** This person's cap (their own setting, else `DAILY_TOKEN_LIMIT`), or null when there is none. */
  dailyLimit: z.number().int().nullable(),
  /** Tokens left today, or null when there is no cap. */
  remaining: z.number().int().nullable(),
});
export type UsageReport = z.infer<typeof usageReportSchema>;

/** `PUT /api/users/{userId}/usage`: this person's own daily cap; null means no cap for them. */
export const usageLimitBodySchema = z.object({
  dailyLimit: z.number().int().positive().nullable(),
});
export type UsageLimitBody = z.infer<typeof usageLimitBodySchema>;
