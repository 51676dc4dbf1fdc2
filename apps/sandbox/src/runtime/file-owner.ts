import { openFileBeneath } from "./open-beneath";
import type { RunAs } from "./run-as";
import type { WorkspaceRoot } from "./workspace-paths";

/** The user the runtime acts for, when it is root and must give what it creates away. */
export function ownerFor(runAs: RunAs): RunAs | null {
  return shouldChown(runAs) ? runAs : null;
}

/**
 * Writes a file (creating its directories) without following any link, so that the command user
 * owns what the runtime creates: a root runtime must not leave files the unprivileged user cannot
 * edit, nor write or chown anything a swapped link points at (the chown is on the descriptor).
 */
export async function writeOwnedFile(
  root: WorkspaceRoot,
  shown: string,
  bytes: Uint8Array,
  runAs: RunAs,
): Promise<void> {
  const owner = ownerFor(runAs);
  const file = await openFileBeneath(root.dir, root.split(shown), shown, "write", {
    create: true,
    owner,
  });
  try {
    await file.truncate(0);
    await file.writeFile(bytes);
    if (owner) await file.chown(owner.uid, owner.gid);
  } finally {
    await file.close();
  }
}

export function shouldChown(runAs: RunAs): boolean {
  return (process.getuid?.() ?? 1) === 0 && runAs.uid !== 0;
}
