import { z } from "zod";

/** What the admin API tells about a user's sandbox (`GET /api/users/{userId}/sandbox`). */
export const sandboxStatusSchema = z.object({
  userId: z.string(),
  /** `running`: the runtime answers; `sleeping`: no container now (files are safe in R2). */
  state: z.enum(["running", "starting", "sleeping", "error"]),
  startedAt: z.number().nullable(),
  lastActivityAt: z.number().nullable(),
  error: z.string().optional(),
});
export type SandboxStatus = z.infer<typeof sandboxStatusSchema>;

export const sandboxProcessSchema = z.object({
  id: z.string(),
  command: z.string(),
  status: z.enum(["running", "exited", "killed"]),
  exitCode: z.number().int().nullable(),
  startedAt: z.number(),
});
export type SandboxProcess = z.infer<typeof sandboxProcessSchema>;

/** `GET /api/users/{userId}/sandbox/processes` (empty while the computer sleeps). */
export const sandboxProcessListSchema = z.object({ processes: z.array(sandboxProcessSchema) });
export type SandboxProcessList = z.infer<typeof sandboxProcessListSchema>;

export const sandboxProcessLogsSchema = z.object({
  id: z.string(),
  output: z.string(),
  truncated: z.boolean(),
});
export type SandboxProcessLogs = z.infer<typeof sandboxProcessLogsSchema>;
