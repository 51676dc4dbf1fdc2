import { DAILY_NOTES_DIR, WORKSPACE_FILES } from "../memory/workspace-files";
import { ComputerCallError, type ComputerClient } from "./computer-client";

export const PRIVATE_FILE_MESSAGE = `${WORKSPACE_FILES.memory} and ${DAILY_NOTES_DIR} hold the person's private memory; they are not available in a group chat.`;

const WORKSPACE_PREFIX = "/workspace";
const PRIVATE_FILE = WORKSPACE_FILES.memory.toLowerCase();
const PRIVATE_DIR = DAILY_NOTES_DIR.replace(/\/$/, "").toLowerCase();

/**
 * A path as the workspace resolves it, lowercased: `/workspace/` and `./` dropped, `.` and `..`
 * resolved, repeated slashes joined. Lowercase, so a case-insensitive file system (or a future
 * one) cannot offer `Memory.md` as a way round. `..` above the root stays at the root, as the
 * runtime refuses anything outside it anyway.
 */
export function canonicalWorkspacePath(path: string): string {
  let rest = path.trim().replaceAll("\\", "/");
  if (rest === WORKSPACE_PREFIX || rest.startsWith(`${WORKSPACE_PREFIX}/`)) {
    rest = rest.slice(WORKSPACE_PREFIX.length);
  }
  const parts: string[] = [];
  for (const part of rest.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/").toLowerCase();
}

/** `MEMORY.md` or anything in `memory/` (daily notes): one person's memory. */
export function isPrivateMemoryPath(path: string): boolean {
  const canonical = canonicalWorkspacePath(path);
  return (
    canonical === PRIVATE_FILE ||
    canonical === PRIVATE_DIR ||
    canonical.startsWith(`${PRIVATE_DIR}/`)
  );
}

function refusePrivate(path: string | undefined): void {
  if (path !== undefined && isPrivateMemoryPath(path)) {
    throw new ComputerCallError("private_file", PRIVATE_FILE_MESSAGE);
  }
}

/**
 * The file operations of a group turn: the person's memory files can be neither read, written,
 * listed nor searched, by any spelling of their path. The runtime follows no symbolic link in
 * file operations, so a link elsewhere in the workspace cannot lead to them either. Commands and
 * processes are not part of this client: a group turn is not offered them at all.
 */
export function withoutPrivateFiles(
  client: ComputerClient,
): Pick<ComputerClient, "readFile" | "writeFile" | "editFile" | "listFiles" | "searchFiles"> {
  return {
    async readFile(request) {
      refusePrivate(request.path);
      return client.readFile(request);
    },
    async writeFile(request) {
      refusePrivate(request.path);
      return client.writeFile(request);
    },
    async editFile(request) {
      refusePrivate(request.path);
      return client.editFile(request);
    },
    async listFiles(request) {
      refusePrivate(request.path);
      const result = await client.listFiles(request);
      return {
        ...result,
        entries: result.entries.filter((entry) => !isPrivateMemoryPath(entry.path)),
      };
    },
    async searchFiles(request) {
      refusePrivate(request.path);
      const result = await client.searchFiles(request);
      return {
        ...result,
        matches: result.matches.filter((match) => !isPrivateMemoryPath(match.path)),
      };
    },
  };
}
