import type { UserImportPreview } from "@molt/contracts";
import type { ParsedArchive } from "./user-archive";

/** Workspace files that steer the agent: its rules, persona, heartbeat duties and skills. */
const INSTRUCTION_FILES = new Set(["AGENTS.md", "SOUL.md", "HEARTBEAT.md"]);
const SKILLS_DIR = "skills/";

export function isInstructionFile(path: string): boolean {
  return INSTRUCTION_FILES.has(path) || path.startsWith(SKILLS_DIR);
}

/** The archive's instruction files that differ from what the workspace holds now. */
export async function findInstructionChanges(
  archive: ParsedArchive,
  readCurrent: (path: string) => Promise<string | null>,
): Promise<UserImportPreview["instructionChanges"]> {
  const changes: UserImportPreview["instructionChanges"] = [];
  const decoder = new TextDecoder();
  for (const file of archive.files) {
    if (!isInstructionFile(file.path)) continue;
    const incoming = decoder.decode(file.content);
    const current = await readCurrent(file.path);
    if (current !== incoming) changes.push({ path: file.path, current, incoming });
  }
  return changes;
}

/** Hex SHA-256 of the uploaded archive: what a confirmation names. */
export async function archiveDigest(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
