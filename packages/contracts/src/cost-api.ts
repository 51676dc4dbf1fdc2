import { z } from "zod";

/** One line of the day's estimate: what was used and what it costs at list price. */
export const costLineSchema = z.object({
  item: z.enum(["workers", "durable-objects", "r2", "containers"]),
  /** What was counted, e.g. `12 turns × 6 requests`. */
  basis: z.string(),
  usd: z.number().min(0),
});
export type CostLine = z.infer<typeof costLineSchema>;

/**
 * `GET /api/users/{userId}/cost`: an estimate of today's (UTC) platform cost of this person, from
 * what the agent counts, at pay-as-you-go prices before the Workers Paid plan's included usage.
 * Model tokens are not included (they are priced by the provider).
 */
export const dayCostEstimateSchema = z.object({
  day: z.string(),
  turns: z.number().int().min(0),
  lines: z.array(costLineSchema),
  totalUsd: z.number().min(0),
  /** The prices' date and where they come from (docs/cost.md). */
  pricesAsOf: z.string(),
});
export type DayCostEstimate = z.infer<typeof dayCostEstimateSchema>;
