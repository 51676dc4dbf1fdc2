import { chown, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { RunAs } from "./run-as";

/**
 * Writes a file (creating its directories) so that the command user owns what the runtime
 * creates: a root runtime must not leave files the unprivileged user cannot edit.
 */
export async function writeOwnedFile(absolute: string, bytes: Uint8Array, runAs: RunAs) {
  const dir = path.dirname(absolute);
  const firstCreated = await mkdir(dir, { recursive: true });
  await writeFile(absolute, bytes);
  if (!shouldChown(runAs)) return;
  if (firstCreated) {
    let current = dir;
    const created: string[] = [];
    while (current.length >= firstCreated.length) {
      created.push(current);
      current = path.dirname(current);
    }
    await Promise.all(created.map((each) => chown(each, runAs.uid, runAs.gid)));
  }
  await chown(absolute, runAs.uid, runAs.gid);
}

export function shouldChown(runAs: RunAs): boolean {
  return (process.getuid?.() ?? 1) === 0 && runAs.uid !== 0;
}
