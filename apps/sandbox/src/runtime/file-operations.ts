import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type {
  EditFileRequest,
  EditFileResult,
  FileEntry,
  ListFilesResult,
  ReadFileRequest,
  ReadFileResult,
  WriteFileResult,
} from "@molt/contracts";
import { writeOwnedFile } from "./file-owner";
import type { RunAs } from "./run-as";
import { RuntimeError } from "./runtime-error";
import type { WorkspaceRoot } from "./workspace-paths";

export const DEFAULT_READ_BYTES = 256 * 1024;
/** Files bigger than this are not loaded whole for reading or editing. */
const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

async function loadText(absolute: string, shown: string): Promise<string> {
  const info = await lstat(absolute).catch(() => null);
  if (!info) throw new RuntimeError("not_found", `No file "${shown}".`);
  if (info.isDirectory()) throw new RuntimeError("bad_request", `"${shown}" is a directory.`);
  if (info.size > MAX_TEXT_FILE_BYTES) {
    throw new RuntimeError(
      "too_large",
      `"${shown}" is ${info.size} bytes; read it with a command.`,
    );
  }
  const bytes = await readFile(absolute);
  if (bytes.subarray(0, 8000).includes(0)) {
    throw new RuntimeError("bad_request", `"${shown}" looks binary; inspect it with a command.`);
  }
  return bytes.toString("utf8");
}

export async function readTextFile(
  root: WorkspaceRoot,
  request: ReadFileRequest,
): Promise<ReadFileResult> {
  const absolute = await root.resolve(request.path);
  const text = await loadText(absolute, request.path);
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const startLine = request.startLine ?? 1;
  const endLine = Math.min(request.endLine ?? lines.length, lines.length);
  let content = lines.slice(startLine - 1, endLine).join("\n");
  const maxBytes = request.maxBytes ?? DEFAULT_READ_BYTES;
  let truncated = false;
  if (Buffer.byteLength(content) > maxBytes) {
    content = Buffer.from(content).subarray(0, maxBytes).toString("utf8");
    truncated = true;
  }
  return {
    path: root.relative(absolute),
    content,
    startLine,
    endLine: Math.max(endLine, startLine - 1),
    totalLines: lines.length,
    truncated,
  };
}

export async function writeWorkspaceFile(
  root: WorkspaceRoot,
  runAs: RunAs,
  request: { path: string; content: string; encoding: "utf8" | "base64" },
): Promise<WriteFileResult> {
  const absolute = await root.resolve(request.path);
  const existing = await lstat(absolute).catch(() => null);
  if (existing?.isDirectory())
    throw new RuntimeError("bad_request", `"${request.path}" is a directory.`);
  const bytes = Buffer.from(request.content, request.encoding);
  await writeOwnedFile(absolute, bytes, runAs);
  return { path: root.relative(absolute), bytes: bytes.byteLength };
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    count++;
  }
  return count;
}

export async function editWorkspaceFile(
  root: WorkspaceRoot,
  runAs: RunAs,
  request: EditFileRequest,
): Promise<EditFileResult> {
  const absolute = await root.resolve(request.path);
  const text = await loadText(absolute, request.path);
  const count = countOccurrences(text, request.oldText);
  if (count === 0) {
    throw new RuntimeError(
      "not_found",
      `The text to replace was not found in "${request.path}". Read the file and copy the exact text, including whitespace.`,
    );
  }
  if (count > 1) {
    throw new RuntimeError(
      "not_unique",
      `The text to replace occurs ${count} times in "${request.path}". Include more surrounding lines so it is unique.`,
    );
  }
  const at = text.indexOf(request.oldText);
  const updated = text.slice(0, at) + request.newText + text.slice(at + request.oldText.length);
  const bytes = Buffer.from(updated, "utf8");
  await writeOwnedFile(absolute, bytes, runAs);
  return { path: root.relative(absolute), bytes: bytes.byteLength };
}

function entryType(info: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }) {
  if (info.isFile()) return "file" as const;
  if (info.isDirectory()) return "directory" as const;
  if (info.isSymbolicLink()) return "symlink" as const;
  return "other" as const;
}

export async function listWorkspaceFiles(
  root: WorkspaceRoot,
  request: { path?: string; recursive: boolean; maxEntries: number },
): Promise<ListFilesResult> {
  const start = await root.resolve(request.path);
  const info = await lstat(start).catch(() => null);
  if (!info) throw new RuntimeError("not_found", `No directory "${request.path}".`);
  if (!info.isDirectory())
    throw new RuntimeError("bad_request", `"${request.path}" is not a directory.`);
  const entries: FileEntry[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      if (entries.length >= request.maxEntries) return { entries, truncated: true };
      const absolute = path.join(dir, name);
      const stat = await lstat(absolute).catch(() => null);
      if (!stat) continue;
      const type = entryType(stat);
      entries.push({ path: root.relative(absolute), type, size: type === "file" ? stat.size : 0 });
      if (request.recursive && type === "directory") queue.push(absolute);
    }
  }
  return { entries, truncated: false };
}
