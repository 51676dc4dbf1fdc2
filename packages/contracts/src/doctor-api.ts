import { z } from "zod";

/** `skipped`: the piece is not configured, which is a choice, not a fault. */
export const doctorCheckStatusSchema = z.enum(["ok", "failed", "skipped"]);
export type DoctorCheckStatus = z.infer<typeof doctorCheckStatusSchema>;

export const doctorCheckSchema = z.object({
  /** What was checked, e.g. `r2`, `model`, `telegram`. */
  name: z.string(),
  status: doctorCheckStatusSchema,
  durationMs: z.number().min(0),
  /** What was found, in a sentence or two; never a secret. */
  detail: z.string(),
  /** For a failure: what to do about it, for where the stack runs. */
  fix: z.string().optional(),
});
export type DoctorCheck = z.infer<typeof doctorCheckSchema>;

export const doctorReportSchema = z.object({
  /** False when any check failed; skipped checks do not count. */
  ok: z.boolean(),
  /** `local`: `pnpm dev` on this machine; `deployed`: a Worker on Cloudflare. */
  where: z.enum(["local", "deployed"]),
  ranAt: z.number(),
  checks: z.array(doctorCheckSchema),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;
