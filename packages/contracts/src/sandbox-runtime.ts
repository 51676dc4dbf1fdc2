import { z } from "zod";

/**
 * The wire between the Worker and the sandbox runtime (`apps/sandbox`). Every request body and
 * every answer of the runtime is one of these; paths are relative to the workspace root.
 */

export const RUNTIME_TOKEN_ENV = "SANDBOX_RUNTIME_TOKEN";
/** The local sandbox host's credential header (the runtime's token stays in Authorization). */
export const SANDBOX_HOST_CREDENTIAL_HEADER = "x-sandbox-host-token";

/**
 * Names one request to the runtime so that the Worker can cancel it through
 * `POST /calls/{id}/cancel` (a stopped turn). Nothing that crosses a Durable Object RPC boundary
 * can carry an AbortSignal, so cancellation is a request of its own.
 */
export const CALL_ID_HEADER = "x-molt-call-id";
export const callIdSchema = z.string().regex(/^[\w-]{1,64}$/);

export const cancelCallResultSchema = z.object({
  /** True when a request with this id was running and has been aborted. */
  cancelled: z.boolean(),
});
export type CancelCallResult = z.infer<typeof cancelCallResultSchema>;

const workspacePath = z.string().min(1).max(1024);
const optionalDir = z.string().max(1024).optional();

export const runtimeErrorCodeSchema = z.enum([
  "bad_request",
  "unauthorized",
  "path_refused",
  "not_found",
  "not_unique",
  "conflict",
  "too_large",
  "unknown_marker",
  "internal",
]);
export type RuntimeErrorCode = z.infer<typeof runtimeErrorCodeSchema>;

export const runtimeErrorBodySchema = z.object({
  error: z.object({ code: runtimeErrorCodeSchema, message: z.string() }),
});
export type RuntimeErrorBody = z.infer<typeof runtimeErrorBodySchema>;

export const runtimeHealthSchema = z.object({
  ok: z.literal(true),
  startedAt: z.number(),
  /** Who commands run as: an unprivileged uid in the container, the current user locally. */
  runAs: z.object({ uid: z.number().int(), gid: z.number().int(), unprivileged: z.boolean() }),
  ripgrep: z.boolean(),
  /**
   * The release the runtime was built from (the root package.json version). Runtimes from before
   * this field existed leave it out; the Worker replaces a runtime whose version is not its own.
   */
  version: z.string().optional(),
});
export type RuntimeHealth = z.infer<typeof runtimeHealthSchema>;

export const execRequestSchema = z
  .object({
    command: z.string().min(1).max(64_000),
    cwd: optionalDir,
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    maxOutputBytes: z.number().int().min(256).max(4_000_000).optional(),
  })
  .strict();
export type ExecRequest = z.infer<typeof execRequestSchema>;

export const execResultSchema = z.object({
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  stdout: z.string(),
  stderr: z.string(),
  /** True when stdout or stderr was cut; the text then says how many bytes were left out. */
  truncated: z.boolean(),
  durationMs: z.number(),
});
export type ExecResult = z.infer<typeof execResultSchema>;

export const readFileRequestSchema = z
  .object({
    path: workspacePath,
    startLine: z.number().int().min(1).optional(),
    endLine: z.number().int().min(1).optional(),
    maxBytes: z.number().int().min(1).max(4_000_000).optional(),
  })
  .strict();
export type ReadFileRequest = z.infer<typeof readFileRequestSchema>;

export const readFileResultSchema = z.object({
  path: z.string(),
  content: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  totalLines: z.number().int(),
  truncated: z.boolean(),
});
export type ReadFileResult = z.infer<typeof readFileResultSchema>;

export const writeFileRequestSchema = z
  .object({
    path: workspacePath,
    content: z.string(),
    encoding: z.enum(["utf8", "base64"]).default("utf8"),
  })
  .strict();
export type WriteFileRequest = z.input<typeof writeFileRequestSchema>;

export const writeFileResultSchema = z.object({ path: z.string(), bytes: z.number().int() });
export type WriteFileResult = z.infer<typeof writeFileResultSchema>;

export const editFileRequestSchema = z
  .object({ path: workspacePath, oldText: z.string().min(1), newText: z.string() })
  .strict();
export type EditFileRequest = z.infer<typeof editFileRequestSchema>;

export const editFileResultSchema = z.object({ path: z.string(), bytes: z.number().int() });
export type EditFileResult = z.infer<typeof editFileResultSchema>;

export const listFilesRequestSchema = z
  .object({
    path: optionalDir,
    recursive: z.boolean().default(false),
    maxEntries: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();
export type ListFilesRequest = z.input<typeof listFilesRequestSchema>;

export const fileEntrySchema = z.object({
  path: z.string(),
  type: z.enum(["file", "directory", "symlink", "other"]),
  size: z.number().int(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const listFilesResultSchema = z.object({
  entries: z.array(fileEntrySchema),
  truncated: z.boolean(),
});
export type ListFilesResult = z.infer<typeof listFilesResultSchema>;

export const searchFilesRequestSchema = z
  .object({
    pattern: z.string().min(1).max(1000),
    path: optionalDir,
    /** Treat `pattern` as a regular expression (default) or as literal text. */
    literal: z.boolean().default(false),
    glob: z.string().max(200).optional(),
    maxResults: z.number().int().min(1).max(5000).default(200),
  })
  .strict();
export type SearchFilesRequest = z.input<typeof searchFilesRequestSchema>;

export const searchMatchSchema = z.object({
  path: z.string(),
  line: z.number().int(),
  text: z.string(),
});
export const searchFilesResultSchema = z.object({
  matches: z.array(searchMatchSchema),
  truncated: z.boolean(),
  engine: z.enum(["ripgrep", "builtin"]),
});
export type SearchFilesResult = z.infer<typeof searchFilesResultSchema>;

export const startProcessRequestSchema = z
  .object({ command: z.string().min(1).max(64_000), cwd: optionalDir })
  .strict();
export type StartProcessRequest = z.infer<typeof startProcessRequestSchema>;

export const runtimeProcessSchema = z.object({
  id: z.string(),
  command: z.string(),
  status: z.enum(["running", "exited", "killed"]),
  exitCode: z.number().int().nullable(),
  startedAt: z.number(),
  pid: z.number().int().nullable(),
});
export type RuntimeProcess = z.infer<typeof runtimeProcessSchema>;

export const processListSchema = z.object({ processes: z.array(runtimeProcessSchema) });
export type ProcessList = z.infer<typeof processListSchema>;

export const processLogsSchema = z.object({
  id: z.string(),
  status: runtimeProcessSchema.shape.status,
  output: z.string(),
  /** True when older output was dropped from the kept tail. */
  truncated: z.boolean(),
});
export type ProcessLogs = z.infer<typeof processLogsSchema>;

export const snapshotResultSchema = z.object({ marker: z.string(), files: z.number().int() });
export type SnapshotResult = z.infer<typeof snapshotResultSchema>;

/** Files changed since a snapshot marker; the answer carries the marker of the new snapshot. */
export const changesResultSchema = z.object({
  marker: z.string(),
  changed: z.array(z.object({ path: z.string(), size: z.number().int() })),
  deleted: z.array(z.string()),
  /** Bytes of every synced file now in the workspace (for the per-workspace cap). */
  totalBytes: z.number().int().optional(),
});
export type ChangesResult = z.infer<typeof changesResultSchema>;

export const exportFilesRequestSchema = z
  .object({ paths: z.array(workspacePath).max(10_000) })
  .strict();
export type ExportFilesRequest = z.infer<typeof exportFilesRequestSchema>;

export const importFilesResultSchema = z.object({
  written: z.number().int(),
  bytes: z.number().int(),
});
export type ImportFilesResult = z.infer<typeof importFilesResultSchema>;

/**
 * Directories (by name, at any depth) the change list leaves out. Caches are rebuilt, not kept.
 * `.git` is left out too: a repository's objects and packs are many files and often big ones, a
 * partly saved `.git` (one pack over the per-file cap) is a broken repository, and every file
 * saved is copied back at every start. The working tree is kept; history is kept by pushing.
 */
export const DEFAULT_SYNC_EXCLUDES = [
  ".git",
  "node_modules",
  ".cache",
  "__pycache__",
  ".venv",
  ".npm",
  ".pytest_cache",
  ".mypy_cache",
] as const;
