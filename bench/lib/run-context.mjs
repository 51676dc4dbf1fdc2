// What a result belongs to: the machine, the commit (and whether the Worker's sources differ from
// it), and the wrangler version, so numbers from different runs can be told apart.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./settings.mjs";

export function machineLine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model?.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()} ${os.arch()}, Node ${process.version}`;
}

export function codeVersion() {
  try {
    const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    const commit = git("rev-parse", "--short", "HEAD");
    const sources = ["apps/worker/src", "packages", "wrangler.jsonc"];
    const dirty = git("status", "--porcelain", "--", ...sources)
      .split("\n")
      .filter((line) => line && !line.endsWith(".test.ts")).length;
    return `git ${commit}${dirty > 0 ? ` + ${dirty} uncommitted changes in the Worker's sources` : ""}`;
  } catch {
    return "unknown (no git)";
  }
}

export function wranglerVersion() {
  try {
    const file = path.join(ROOT, "node_modules", "wrangler", "package.json");
    return JSON.parse(readFileSync(file, "utf8")).version;
  } catch {
    return "unknown";
  }
}
