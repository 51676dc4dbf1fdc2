import type {
  EditFileRequest,
  EditFileResult,
  FileEntry,
  ListFilesResult,
  ReadFileRequest,
  ReadFileResult,
  WriteFileResult,
} from "@molt/contracts";
import { ownerFor, writeOwnedFile } from "./file-owner";
import { openFileBeneath, walkBeneath } from "./open-beneath";
import type { RunAs } from "./run-as";
import { RuntimeError } from "./runtime-error";
import type { WorkspaceRoot } from "./workspace-paths";

export const DEFAULT_READ_BYTES = 256 * 1024;
/** Files bigger than this are not loaded whole for reading or editing. */
const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

/** Reads a workspace file as text through a descriptor opened without following links. */
async function loadText(root: WorkspaceRoot, runAs: RunAs, shown: string): Promise<string> {
  const file = await openFileBeneath(root.dir, root.split(shown), shown, "read", {
    owner: ownerFor(runAs),
  });
  try {
    const { size } = await file.stat();
    if (size > MAX_TEXT_FILE_BYTES) {
      throw new RuntimeError("too_large", `"${shown}" is ${size} bytes; read it with a command.`);
    }
    const bytes = await file.readFile();
    if (bytes.subarray(0, 8000).includes(0)) {
      throw new RuntimeError("bad_request", `"${shown}" looks binary; inspect it with a command.`);
    }
    return bytes.toString("utf8");
  } finally {
    await file.close();
  }
}

/** The `/`-joined workspace-relative form of a request path. */
function normalized(root: WorkspaceRoot, input: string | undefined): string {
  return root.split(input).join("/");
}

export async function readTextFile(
  root: WorkspaceRoot,
  runAs: RunAs,
  request: ReadFileRequest,
): Promise<ReadFileResult> {
  const text = await loadText(root, runAs, request.path);
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
    path: normalized(root, request.path),
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
  const bytes = Buffer.from(request.content, request.encoding);
  await writeOwnedFile(root, request.path, bytes, runAs);
  return { path: normalized(root, request.path), bytes: bytes.byteLength };
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
  const text = await loadText(root, runAs, request.path);
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
  await writeOwnedFile(root, request.path, bytes, runAs);
  return { path: normalized(root, request.path), bytes: bytes.byteLength };
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
  const parts = root.split(request.path);
  const prefix = parts.length > 0 ? `${parts.join("/")}/` : "";
  const entries: FileEntry[] = [];
  const walk = walkBeneath(root.dir, parts, { recursive: request.recursive });
  for await (const { path, info } of walk) {
    if (entries.length >= request.maxEntries) return { entries, truncated: true };
    const type = entryType(info);
    entries.push({ path: prefix + path, type, size: type === "file" ? Number(info.size) : 0 });
  }
  return { entries, truncated: false };
}
