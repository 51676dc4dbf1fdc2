import { z } from "zod";

/** `GET /api/users/{userId}/files?path=`: the files under a directory of the workspace. */
export const workspaceListingSchema = z.object({
  path: z.string(),
  files: z.array(z.object({ path: z.string(), size: z.number(), modifiedAt: z.number() })),
});
export type WorkspaceListing = z.infer<typeof workspaceListingSchema>;

/** `GET|PUT /api/users/{userId}/files/content?path=`: one text file. */
export const workspaceFileSchema = z.object({
  path: z.string(),
  content: z.string(),
});
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

export const MAX_WORKSPACE_FILE_EDIT_BYTES = 1_000_000;

export const writeWorkspaceFileBodySchema = z
  .object({ content: z.string().max(MAX_WORKSPACE_FILE_EDIT_BYTES, "the file is too large") })
  .strict();
