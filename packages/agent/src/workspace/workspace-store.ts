/** One file of a user's workspace, by its path relative to the workspace root. */
export interface WorkspaceEntry {
  path: string;
  size: number;
  modifiedAt: number;
}

/**
 * A user's workspace files, wherever they are kept (R2 in the Worker, memory in tests).
 * Paths are relative, `/`-separated and already checked with `normalizeWorkspacePath`.
 */
export interface WorkspaceStore {
  readText(path: string): Promise<string | null>;
  readBytes(path: string): Promise<Uint8Array | null>;
  write(path: string, content: string | Uint8Array): Promise<void>;
  delete(path: string): Promise<void>;
  /** Every file under `prefix` (a directory path ending in `/`, or "" for all), sorted by path. */
  list(prefix?: string): Promise<WorkspaceEntry[]>;
}

export class WorkspacePathError extends Error {
  constructor(path: string, reason: string) {
    super(`Invalid workspace path "${path}": ${reason}.`);
    this.name = "WorkspacePathError";
  }
}

const MAX_PATH_LENGTH = 512;

/** Turns a user- or model-given path into a clean relative one, refusing anything that escapes. */
export function normalizeWorkspacePath(input: string): string {
  const trimmed = input.trim().replace(/^\/?workspace\//, "");
  if (trimmed.length === 0 || trimmed === "." || trimmed === "/") {
    throw new WorkspacePathError(input, "it names no file");
  }
  if (trimmed.length > MAX_PATH_LENGTH) throw new WorkspacePathError(input, "it is too long");
  if (trimmed.startsWith("/")) throw new WorkspacePathError(input, "it must be relative");
  if (trimmed.includes("\\") || trimmed.includes("\0")) {
    throw new WorkspacePathError(input, "it contains a backslash or NUL");
  }
  const parts = trimmed.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.some((part) => part === "..")) {
    throw new WorkspacePathError(input, "it leaves the workspace");
  }
  return parts.join("/");
}

/** An in-memory store for tests and tools that need a scratch workspace. */
export class MemoryWorkspaceStore implements WorkspaceStore {
  private readonly files = new Map<string, { content: Uint8Array; modifiedAt: number }>();

  async readText(path: string): Promise<string | null> {
    const bytes = await this.readBytes(path);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  }

  async readBytes(path: string): Promise<Uint8Array | null> {
    return this.files.get(path)?.content ?? null;
  }

  async write(path: string, content: string | Uint8Array): Promise<void> {
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    this.files.set(path, { content: bytes, modifiedAt: Date.now() });
  }

  async delete(path: string): Promise<void> {
    this.files.delete(path);
  }

  async list(prefix = ""): Promise<WorkspaceEntry[]> {
    return [...this.files.entries()]
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, file]) => ({ path, size: file.content.byteLength, modifiedAt: file.modifiedAt }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }
}
