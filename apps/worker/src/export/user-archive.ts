import { normalizeWorkspacePath, WorkspacePathError } from "@molt/agent";
import {
  MAX_USER_IMPORT_BYTES,
  USER_EXPORT_FORMAT,
  USER_EXPORT_VERSION,
  type UserExportManifest,
  userExportManifestSchema,
} from "@molt/contracts";
import { strFromU8, strToU8, Unzip, UnzipInflate, type Zippable, zipSync } from "fflate";
import { AppError } from "../errors";

export const WORKSPACE_DIR = "workspace/";
const MANIFEST = "manifest.json";
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

export interface ArchiveContents {
  userId: string;
  exportedAt: number;
  files: Array<{ path: string; content: Uint8Array }>;
  /** `sessions.json`: conversations and their stored history, for reading. */
  sessions: unknown;
  /** `schedules.json`, or why it is missing. */
  schedules: { included: true; data: unknown } | { included: false; note: string };
}

/** One zip with `manifest.json`, the workspace under `workspace/`, sessions and schedules. */
export function buildUserArchive(contents: ArchiveContents): Uint8Array {
  const manifest: UserExportManifest = {
    format: USER_EXPORT_FORMAT,
    version: USER_EXPORT_VERSION,
    userId: contents.userId,
    exportedAt: contents.exportedAt,
    files: contents.files.map((file) => ({ path: file.path, size: file.content.byteLength })),
    sessions: {
      included: true,
      note: "sessions.json summarizes each conversation's stored history; import does not restore it.",
    },
    schedules: contents.schedules.included
      ? {
          included: true,
          note: "schedules.json lists the user's schedules, for reference: an import does not re-create them, since each belongs to a chat.",
        }
      : { included: false, note: contents.schedules.note },
  };
  const entries: Zippable = {
    [MANIFEST]: strToU8(JSON.stringify(manifest, null, 2)),
    "sessions.json": strToU8(JSON.stringify(contents.sessions, null, 2)),
  };
  if (contents.schedules.included) {
    entries["schedules.json"] = strToU8(JSON.stringify(contents.schedules.data, null, 2));
  }
  for (const file of contents.files) entries[WORKSPACE_DIR + file.path] = file.content;
  return zipSync(entries, { level: 6 });
}

export interface ParsedArchive {
  manifest: UserExportManifest;
  files: Array<{ path: string; content: Uint8Array }>;
  /** Entries that are neither the manifest, a summary nor a workspace file. */
  skipped: string[];
}

/**
 * Reads an export archive back, refusing (400) what is not one: too large once unpacked, not a
 * zip, no valid manifest, or a workspace path that would escape the workspace.
 */
export function parseUserArchive(bytes: Uint8Array): ParsedArchive {
  const unpacked = unpackCounted(bytes, MAX_USER_IMPORT_BYTES);
  const manifestBytes = unpacked[MANIFEST];
  if (!manifestBytes) throw new AppError("bad_request", "The archive has no manifest.json.");
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(strFromU8(manifestBytes));
  } catch {
    throw new AppError("bad_request", "manifest.json is not valid JSON.");
  }
  const manifest = userExportManifestSchema.safeParse(manifestJson);
  if (!manifest.success) {
    throw new AppError(
      "bad_request",
      `manifest.json is not a ${USER_EXPORT_FORMAT} version ${USER_EXPORT_VERSION} manifest.`,
    );
  }
  const files: ParsedArchive["files"] = [];
  const skipped: string[] = [];
  for (const [name, content] of Object.entries(unpacked)) {
    if (name.endsWith("/")) continue; // directory entries
    if (!name.startsWith(WORKSPACE_DIR)) {
      if (![MANIFEST, "sessions.json", "schedules.json"].includes(name)) skipped.push(name);
      continue;
    }
    files.push({ path: checkedPath(name.slice(WORKSPACE_DIR.length)), content });
  }
  return { manifest: manifest.data, files, skipped };
}

function checkedPath(raw: string): string {
  try {
    return normalizeWorkspacePath(raw);
  } catch (error) {
    const reason = error instanceof WorkspacePathError ? error.message : "invalid path";
    throw new AppError("bad_request", `Refusing the archive: ${reason}`);
  }
}

class ArchiveTooLarge extends Error {}

/**
 * Unpacks a zip by walking its entries in order and counting the bytes that actually come out.
 * A zip's declared sizes (and its central directory, which may list many entries over the same
 * data) are not trusted: the count stops the unpacking as soon as it passes `maxBytes`.
 */
function unpackCounted(bytes: Uint8Array, maxBytes: number): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const pending = new Set<string>();
  let total = 0;
  let entries = 0;
  const unzip = new Unzip((file) => {
    const chunks: Uint8Array[] = [];
    pending.add(file.name);
    entries += 1;
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      total += chunk.byteLength;
      if (total > maxBytes) throw new ArchiveTooLarge();
      chunks.push(chunk);
      if (final) {
        files[file.name] = joinChunks(chunks);
        pending.delete(file.name);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (error instanceof ArchiveTooLarge) {
      throw new AppError("bad_request", `The archive unpacks to more than ${maxBytes} bytes.`);
    }
    throw new AppError("bad_request", "The upload is not a zip archive.");
  }
  // A truncated entry never reaches its end; an upload with no entry at all is not a zip either.
  if (pending.size > 0 || Object.keys(files).length === 0) {
    throw new AppError("bad_request", "The upload is not a zip archive.");
  }
  const listed = centralDirectoryCount(bytes);
  if (listed !== undefined && listed !== entries) {
    // Entries listed twice over the same data (the overlap bomb), or data no entry lists.
    throw new AppError(
      "bad_request",
      `The archive's directory lists ${listed} entries but it holds ${entries}: refusing it.`,
    );
  }
  return files;
}

/** The entry count of the end-of-central-directory record; undefined for zip64 or none found. */
function centralDirectoryCount(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.byteLength - 22 - 0xffff);
  for (let at = bytes.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      const count = view.getUint16(at + 10, true);
      return count === 0xffff ? undefined : count;
    }
  }
  return undefined;
}

function joinChunks(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
