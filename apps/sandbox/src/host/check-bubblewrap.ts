import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

/** Debian's bubblewrap; another path with SANDBOX_BWRAP_PATH. */
export const DEFAULT_BWRAP_PATH = "/usr/bin/bwrap";
const PROBE_TIMEOUT_MS = 10_000;

export type BubblewrapCheck = { ok: true; path: string } | { ok: false; problem: string };

/**
 * Whether bubblewrap is installed and can actually build a sandbox here (user and PID
 * namespaces can be switched off by the kernel or a container). Used by the local sandbox host at
 * start and by the dev command to say what is missing. Runs as `uid` when given, the way the
 * host will run it for commands.
 */
export function checkBubblewrap(
  path = process.env.SANDBOX_BWRAP_PATH || DEFAULT_BWRAP_PATH,
  identity: { uid?: number; gid?: number } = {},
): BubblewrapCheck {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return {
      ok: false,
      problem: `bubblewrap is not installed (no ${path}); install it with \`sudo apt-get install bubblewrap\``,
    };
  }
  const probe = spawnSync(
    path,
    [
      "--unshare-all",
      "--die-with-parent",
      "--ro-bind",
      "/",
      "/",
      "--proc",
      "/proc",
      "--",
      "/bin/true",
    ],
    { encoding: "utf8", timeout: PROBE_TIMEOUT_MS, env: { PATH: "/usr/bin:/bin" }, ...identity },
  );
  if (probe.status === 0) return { ok: true, path };
  const said = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim();
  return {
    ok: false,
    problem: `bubblewrap cannot create a sandbox here (${said}); user and PID namespaces must be allowed`,
  };
}
