import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

export interface WalkOptions {
  /** Directory names skipped at any depth. */
  skipDirs?: ReadonlySet<string>;
}

/** Every regular file under `dir` (depth first, sorted); symlinks are not followed. */
export async function* walkFiles(dir: string, options: WalkOptions = {}): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (options.skipDirs?.has(entry.name)) continue;
      yield* walkFiles(absolute, options);
    } else if (entry.isFile()) {
      yield absolute;
    }
  }
}
