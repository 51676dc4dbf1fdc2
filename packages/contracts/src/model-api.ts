import { z } from "zod";

/** `GET|PUT /api/users/{userId}/model`: which model a person's turns use, and what they may pick. */
export const personModelSchema = z.object({
  /** The model this person's turns use (`provider/model`). */
  current: z.string(),
  /** Their own pick, or null when they use the default. */
  pick: z.string().nullable(),
  /** `MODEL` (or the offline dev model without one). */
  default: z.string(),
  /** What may be picked: the default first, then `MODELS`. */
  choices: z.array(z.string()),
  /** `MODEL_FALLBACKS`, tried in order when the current model fails. */
  fallbacks: z.array(z.string()),
});
export type PersonModel = z.infer<typeof personModelSchema>;

/** `PUT /api/users/{userId}/model`: one of `choices`, or null for the default. */
export const personModelBodySchema = z.object({
  model: z.string().trim().min(1).max(200).nullable(),
});
export type PersonModelBody = z.infer<typeof personModelBodySchema>;
