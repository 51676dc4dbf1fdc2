import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, constants, openSync } from "node:fs";
import path from "node:path";
import { bubblewrapArguments, SANDBOX_WORKSPACE, WORKSPACE_FD } from "./bubblewrap-command";
import type { Confinement } from "./confinement";
import { childEnvironment, type RunAs, spawnIdentity } from "./run-as";
import { RuntimeError } from "./runtime-error";

export interface CommandContext {
  /** Absolute, already resolved inside the workspace. */
  cwd: string;
  workspaceDir: string;
  runAs: RunAs;
  confinement: Confinement;
}

/** The message a refused command returns; the reason names what is missing and the fix. */
export function refusalMessage(reason: string): string {
  return `Commands are refused because they cannot be confined: ${reason}.`;
}

/** Starts `bash -c command` confined (see `spawnConfined`). */
export function spawnCommand(command: string, context: CommandContext): ChildProcess {
  return spawnConfined(["/bin/bash", "-c", command], context);
}

/** Where the workspace directory `absolute` is seen by a confined program. */
export function pathSeenInside(absolute: string, context: CommandContext): string {
  if (context.confinement.kind !== "bubblewrap") return absolute;
  const relative = path.relative(context.workspaceDir, absolute);
  return relative
    ? `${SANDBOX_WORKSPACE}/${relative.split(path.sep).join("/")}`
    : SANDBOX_WORKSPACE;
}

/**
 * Starts a program in its own process group, confined as the runtime was told: under bubblewrap
 * locally, as the unprivileged user in a container. Throws when confinement is missing, so the
 * shell and process tools refuse rather than run unconfined.
 */
export function spawnConfined(argv: readonly string[], context: CommandContext): ChildProcess {
  const [program, ...args] = argv as [string, ...string[]];
  const { confinement } = context;
  if (confinement.kind === "refused") {
    throw new RuntimeError("conflict", refusalMessage(confinement.reason));
  }
  const common = {
    stdio: ["ignore", "pipe", "pipe"] as ("ignore" | "pipe" | number)[],
    // Its own group, so a timeout or a stop ends the whole pipeline, not just bash.
    detached: true,
    ...spawnIdentity(context.runAs),
  };
  if (confinement.kind !== "bubblewrap") {
    return spawn(program, args, {
      ...common,
      cwd: context.cwd,
      env: childEnvironment(context.workspaceDir),
    });
  }
  const inside = pathSeenInside(context.cwd, context);
  // Opened by the runtime and handed over as a descriptor: the unprivileged user need not be
  // able to reach the workspace's host path, and bubblewrap closes it before the command runs.
  const workspaceFd = openSync(context.workspaceDir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    const stdio = [
      "ignore",
      "pipe",
      "pipe",
      ...Array(WORKSPACE_FD - 3).fill("ignore"),
      workspaceFd,
    ];
    return spawn(confinement.bwrapPath, bubblewrapArguments(argv, inside, confinement.limits), {
      ...common,
      stdio,
      cwd: "/",
      env: childEnvironment(SANDBOX_WORKSPACE),
    });
  } finally {
    closeSync(workspaceFd);
  }
}
