import { normalizeWorkspacePath } from "@molt/agent";

/** What the end-of-turn write-back saves to R2. */
export interface SyncLimits {
  /** A file bigger than this stays in the sandbox only. */
  maxFileBytes: number;
  /** While the workspace holds more than this, changed files are not saved. */
  maxWorkspaceBytes: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxFileBytes: 16 * 1024 * 1024,
  maxWorkspaceBytes: 1024 * 1024 * 1024,
};

/** A file left out of the write-back, and why, in words the person can act on. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${Math.round(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/**
 * Control characters, and U+FFFD: a name that was not valid UTF-8 reaches us mangled and cannot
 * be opened by the name we were given.
 */
function hasUnstorableCharacters(path: string): boolean {
  for (const char of path) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || code === 0xfffd) return true;
  }
  return false;
}

/**
 * Why a changed file cannot be saved, or null when it can. Names follow the rules every other
 * workspace feature uses (`normalizeWorkspacePath`: no backslash, at most 512 characters), so
 * what is saved can be read, listed and restored everywhere.
 */
export function whyNotSynced(path: string, size: number, limits: SyncLimits): string | null {
  if (hasUnstorableCharacters(path)) {
    return "its name has control characters or bytes that are not UTF-8; rename it to keep it";
  }
  try {
    if (normalizeWorkspacePath(path) !== path) return "its name is not a plain workspace path";
  } catch (error) {
    const said = (error as Error).message.slice(`Invalid workspace path "${path}": `.length);
    return `${said.replace(/\.$/, "")}; rename it to keep it`;
  }
  if (size > limits.maxFileBytes) {
    return `it is ${formatBytes(size)}, over the ${formatBytes(limits.maxFileBytes)} per-file limit`;
  }
  return null;
}
