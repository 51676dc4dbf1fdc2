import { z } from "zod";

export const USER_EXPORT_FORMAT = "molt-user-export";
export const USER_EXPORT_VERSION = 1;
/** Archives larger than this are refused on import. */
export const MAX_USER_IMPORT_BYTES = 20 * 1024 * 1024;

/** `manifest.json` at the root of a user export archive (`GET /api/users/{userId}/export`). */
export const userExportManifestSchema = z.object({
  format: z.literal(USER_EXPORT_FORMAT),
  version: z.literal(USER_EXPORT_VERSION),
  userId: z.string(),
  exportedAt: z.number(),
  /** Workspace files, stored under `workspace/` in the archive. */
  files: z.array(z.object({ path: z.string(), size: z.number().int().min(0) })),
  /** `sessions.json`: a read-only summary; import does not rewrite the agent's history. */
  sessions: z.object({ included: z.boolean(), note: z.string() }),
  /** `schedules.json` when the schedules API is available. */
  schedules: z.object({ included: z.boolean(), note: z.string() }),
});
export type UserExportManifest = z.infer<typeof userExportManifestSchema>;

export const userImportResultSchema = z.object({
  userId: z.string(),
  filesRestored: z.number().int(),
  skipped: z.array(z.string()),
});
export type UserImportResult = z.infer<typeof userImportResultSchema>;

/**
 * `POST /api/users/{userId}/import/preview`: what an archive would change, before it is applied.
 * Instruction files (AGENTS.md, SOUL.md, HEARTBEAT.md, skills/) steer the agent, so an import
 * that changes any of them is applied only with `?confirm=<archiveSha256>` of this preview.
 */
export const userImportPreviewSchema = z.object({
  archiveSha256: z.string(),
  files: z.array(z.object({ path: z.string(), size: z.number().int().min(0) })),
  instructionChanges: z.array(
    z.object({
      path: z.string(),
      /** The file as it is now; null when the import adds it. */
      current: z.string().nullable(),
      incoming: z.string(),
    }),
  ),
  skipped: z.array(z.string()),
});
export type UserImportPreview = z.infer<typeof userImportPreviewSchema>;
