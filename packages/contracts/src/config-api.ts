import { z } from "zod";

/** `GET /health`: the Worker is up, and which build it runs. */
export const healthSchema = z.object({ ok: z.boolean(), version: z.string() });
export type Health = z.infer<typeof healthSchema>;

/** One row of `GET /api/config`: a part of the setup and whether it is complete. */
export const configCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
  /** What to paste for what is missing: `.dev.vars` lines locally, commands when deployed. */
  fix: z.array(z.string()).optional(),
  /** One sentence saying what to do with `fix`. */
  fixHint: z.string().optional(),
});
export type ConfigCheck = z.infer<typeof configCheckSchema>;

/** `GET /api/config`: the signed-in admin and every configuration check. */
export const adminConfigSchema = z.object({
  admin: z.string(),
  devMode: z.boolean(),
  checks: z.array(configCheckSchema),
});
export type AdminConfig = z.infer<typeof adminConfigSchema>;
