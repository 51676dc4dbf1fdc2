import { lstatSync, readlinkSync } from "node:fs";
import type { SandboxLimits } from "./confinement";

/** Where the workspace appears inside the sandbox, as in the container. */
export const SANDBOX_WORKSPACE = "/workspace";
/** The descriptor the runtime hands bubblewrap the workspace directory on. */
export const WORKSPACE_FD = 3;

/** Read-only system directories: enough for a shell, coreutils, git, python, node from /usr. */
const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc"];

/** Merged-/usr systems have `/bin -> usr/bin`: such links are recreated, real dirs bound. */
function systemMounts(): string[] {
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    const info = (() => {
      try {
        return lstatSync(dir);
      } catch {
        return null;
      }
    })();
    if (!info) continue;
    if (info.isSymbolicLink()) args.push("--symlink", readlinkSync(dir), dir);
    else if (info.isDirectory()) args.push("--ro-bind", dir, dir);
  }
  return args;
}

/**
 * bubblewrap's arguments for one program (`argv`, e.g. `bash -c <command>`): a fresh mount namespace with the system read-only, the
 * workspace (passed as an open descriptor, so no path of the host's is named or needed) as
 * `/workspace`, a private size-capped `/tmp`, its own /proc, /dev, and every namespace unshared,
 * network included, so nothing on the host's 127.0.0.1 (the sandbox host, the Worker, the
 * runtime) is reachable. Limits are set by the shell before the command, as hard limits, which an
 * unprivileged process cannot raise again.
 */
export function bubblewrapArguments(
  argv: readonly string[],
  cwdInWorkspace: string,
  limits: SandboxLimits,
): string[] {
  const fileBlocks = Math.max(1, Math.floor(limits.maxFileBytes / 1024));
  const prelude = `ulimit -H -S -u ${limits.maxProcesses} && ulimit -H -S -f ${fileBlocks} && exec "$@"`;
  return [
    "--unshare-all",
    // Explicit, so that the sandbox cannot make nested user namespaces (to regain capabilities).
    "--unshare-user",
    "--die-with-parent",
    "--new-session",
    "--disable-userns",
    "--hostname",
    "sandbox",
    ...systemMounts(),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    String(limits.tmpBytes),
    "--tmpfs",
    "/tmp",
    "--bind-fd",
    String(WORKSPACE_FD),
    SANDBOX_WORKSPACE,
    "--chdir",
    cwdInWorkspace,
    "--",
    "/bin/bash",
    "-c",
    prelude,
    "sandbox",
    ...argv,
  ];
}
