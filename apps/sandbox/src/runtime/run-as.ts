/** Whom commands run as. Root in a container hands commands to an unprivileged account. */
export interface RunAs {
  uid: number;
  gid: number;
  unprivileged: boolean;
}

export const DEFAULT_UNPRIVILEGED_ID = 10_001;

/**
 * `spec` is "uid:gid" (from SANDBOX_RUN_AS). When the runtime is root and no spec is given, the
 * unprivileged default is used; when it is not root, commands run as the current user.
 */
export function resolveRunAs(spec: string | undefined): RunAs {
  const currentUid = process.getuid?.() ?? 0;
  const currentGid = process.getgid?.() ?? 0;
  if (currentUid !== 0) return { uid: currentUid, gid: currentGid, unprivileged: true };
  if (spec === "self") return { uid: 0, gid: 0, unprivileged: false };
  const match = /^(\d+):(\d+)$/.exec(spec ?? "");
  const uid = match ? Number(match[1]) : DEFAULT_UNPRIVILEGED_ID;
  const gid = match ? Number(match[2]) : DEFAULT_UNPRIVILEGED_ID;
  return { uid, gid, unprivileged: uid !== 0 };
}

/** spawn options that drop privileges only when there are privileges to drop. */
export function spawnIdentity(runAs: RunAs): { uid?: number; gid?: number } {
  const currentUid = process.getuid?.() ?? 0;
  if (currentUid !== 0 || runAs.uid === 0) return {};
  return { uid: runAs.uid, gid: runAs.gid };
}

/** The clean environment every command gets: nothing of the runtime's own, no token. */
export function childEnvironment(home: string): Record<string, string> {
  return {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    TERM: "dumb",
  };
}
