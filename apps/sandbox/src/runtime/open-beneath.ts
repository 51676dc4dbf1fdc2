import { type BigIntStats, constants, type Stats } from "node:fs";
import { type FileHandle, lstat, mkdir, open, readdir } from "node:fs/promises";
import type { RunAs } from "./run-as";
import { RuntimeError } from "./runtime-error";

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK } = constants;

// Race-free file access inside the workspace, for a runtime that may be root (the container) or
// unconfined (locally, where only the commands run under bubblewrap). Node has no `openat`, so
// each path component is opened relative to the already open directory above it through
// `/proc/self/fd/<fd>/<name>`, always with O_NOFOLLOW: the kernel resolves the name inside the
// directory the descriptor holds, whatever happens to the path meanwhile, and a symbolic link is
// never followed. A command that swaps a directory or file for a link between two calls gets
// ELOOP, not a root-only file. No path is checked and then opened by name again.

function beneath(dir: FileHandle, name: string): string {
  return `/proc/self/fd/${dir.fd}/${name}`;
}

/** Filesystem errors of a walk turned into answers that name the path the caller gave. */
function explain(error: unknown, shown: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === "ELOOP" || code === "EMLINK") {
    return new RuntimeError(
      "path_refused",
      `"${shown}" is or passes through a symbolic link; the file tools do not follow links (a command can).`,
    );
  }
  if (code === "ENOENT") return new RuntimeError("not_found", `No file or directory "${shown}".`);
  if (code === "ENOTDIR") return new RuntimeError("bad_request", `"${shown}" is not a directory.`);
  if (code === "EISDIR") return new RuntimeError("bad_request", `"${shown}" is a directory.`);
  return error;
}

/** A root runtime acts for the command user: it must not touch what that user does not own. */
function assertOwnedBy(info: Stats, runAs: RunAs | null, shown: string): void {
  if (!runAs || info.uid === runAs.uid) return;
  throw new RuntimeError(
    "path_refused",
    `"${shown}" is not owned by the workspace user; the file tools leave it alone.`,
  );
}

export interface OpenOptions {
  /** Create missing directories (owned by `owner` when given). */
  create?: boolean;
  /** When set (a root runtime), files must belong to this user and new ones are given to it. */
  owner?: RunAs | null;
}

/** Opens the directory `parts` below `rootDir`, component by component, following no link. */
export async function openDirectoryBeneath(
  rootDir: string,
  parts: readonly string[],
  shown: string,
  options: OpenOptions = {},
): Promise<FileHandle> {
  let dir = await open(rootDir, O_RDONLY | O_DIRECTORY);
  try {
    for (const part of parts) {
      const path = beneath(dir, part);
      let next: FileHandle;
      try {
        next = await open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
      } catch (error) {
        const code = (error as { code?: string }).code;
        // O_DIRECTORY answers ENOTDIR for a link too: say which it was (only for the message).
        if (code === "ENOTDIR" && (await lstat(path).catch(() => null))?.isSymbolicLink()) {
          throw Object.assign(new Error("symbolic link"), { code: "ELOOP" });
        }
        if (code !== "ENOENT" || !options.create) throw error;
        await mkdir(path).catch((cause: { code?: string }) => {
          if (cause.code !== "EEXIST") throw cause;
        });
        next = await open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        if (options.owner) await next.chown(options.owner.uid, options.owner.gid);
      }
      await dir.close();
      dir = next;
    }
    return dir;
  } catch (error) {
    await dir.close();
    throw explain(error, shown);
  }
}

/**
 * Opens a regular file below `rootDir` for reading or (created if missing, not yet truncated)
 * writing. FIFOs and devices are refused without blocking; so are files of another owner when
 * the runtime acts for the command user.
 */
export async function openFileBeneath(
  rootDir: string,
  parts: readonly string[],
  shown: string,
  mode: "read" | "write",
  options: OpenOptions = {},
): Promise<FileHandle> {
  const name = parts.at(-1);
  if (name === undefined) throw new RuntimeError("bad_request", `"${shown}" is a directory.`);
  const dir = await openDirectoryBeneath(rootDir, parts.slice(0, -1), shown, {
    create: mode === "write" && options.create,
    owner: options.owner,
  });
  let file: FileHandle | undefined;
  try {
    const path = beneath(dir, name);
    const access = mode === "read" ? O_RDONLY : O_WRONLY;
    let created = false;
    if (mode === "write") {
      // A new file is the runtime's own until given away; an existing one is checked first.
      file = await open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644).catch(
        (error: { code?: string }) => {
          if (error.code === "EEXIST") return undefined;
          throw error;
        },
      );
      created = file !== undefined;
      if (file && options.owner) await file.chown(options.owner.uid, options.owner.gid);
    }
    file ??= await open(path, access | O_NOFOLLOW | O_NONBLOCK);
    const info = await file.stat();
    if (info.isDirectory()) throw new RuntimeError("bad_request", `"${shown}" is a directory.`);
    if (!info.isFile()) throw new RuntimeError("bad_request", `"${shown}" is not a regular file.`);
    if (!created) assertOwnedBy(info, options.owner ?? null, shown);
    return file;
  } catch (error) {
    await file?.close();
    throw explain(error, shown);
  } finally {
    await dir.close();
  }
}

export interface BeneathEntry {
  /** Relative to the directory the walk started in, `/`-separated. */
  path: string;
  info: BigIntStats;
}

/**
 * Every entry below the directory `startParts` of `rootDir`, breadth first and sorted, following
 * no link: each directory is opened component by component like any other path, so a directory
 * swapped for a link between listing and entering is not entered. Only one directory is open at
 * a time, however wide the tree. `skipDirs` are listed but not entered.
 */
export async function* walkBeneath(
  rootDir: string,
  startParts: readonly string[],
  options: { recursive: boolean; skipDirs?: ReadonlySet<string> },
): AsyncGenerator<BeneathEntry> {
  const queue: string[][] = [[]];
  while (queue.length > 0) {
    const below = queue.shift() as string[];
    const shown = [...startParts, ...below].join("/") || ".";
    const dir = await openDirectoryBeneath(rootDir, [...startParts, ...below], shown).catch(
      (error: unknown) => {
        // The start must exist; a directory that vanished or became a link meanwhile is skipped.
        if (below.length === 0) throw error;
        return null;
      },
    );
    if (!dir) continue;
    try {
      // Names as bytes: one that is not UTF-8 is still seen (shown with U+FFFD), not skipped.
      const raw = await readdir(`/proc/self/fd/${dir.fd}`, { encoding: "buffer" });
      const named = raw.map((bytes) => ({ bytes, name: bytes.toString("utf8") }));
      named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const { bytes, name } of named) {
        const at = Buffer.concat([Buffer.from(`/proc/self/fd/${dir.fd}/`), bytes]);
        const info = await lstat(at, { bigint: true }).catch(() => null);
        if (!info) continue;
        yield { path: [...below, name].join("/"), info };
        if (options.recursive && info.isDirectory() && !options.skipDirs?.has(name)) {
          queue.push([...below, name]);
        }
      }
    } finally {
      await dir.close();
    }
  }
}
