import { normalizeWorkspacePath, WorkspacePathError } from "@molt/agent";
import {
  MAX_USER_IMPORT_BYTES,
  USER_EXPORT_FORMAT,
  USER_EXPORT_VERSION,
  type UserExportManifest,
  userExportManifestSchema,
} from "@molt/contracts";
import { strFromU8, strToU8, unzipSync, type Zippable, zipSync } from "fflate";
import { AppError } from "../errors";

export const WORKSPACE_DIR = "workspace/";
const MANIFEST = "manifest.json";

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
  let unpacked: Record<string, Uint8Array>;
  let total = 0;
  try {
    unpacked = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        // Checked before inflating, so a zip bomb is refused without being unpacked.
        if (total > MAX_USER_IMPORT_BYTES) throw new ArchiveTooLarge();
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ArchiveTooLarge) {
      throw new AppError(
        "bad_request",
        `The archive unpacks to more than ${MAX_USER_IMPORT_BYTES} bytes.`,
      );
    }
    throw new AppError("bad_request", "The upload is not a zip archive.");
  }
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
