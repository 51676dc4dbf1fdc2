/**
 * How the runtime keeps the commands it runs away from everything but their workspace.
 *
 * - `container`: the runtime runs inside the user's own container; commands drop to the
 *   unprivileged user (the container is the boundary). The default, as the image starts it.
 * - `bubblewrap`: the local sandbox host on a developer's machine; every command runs under
 *   bubblewrap with only the workspace visible, in its own PID, network, IPC and user namespaces.
 * - `unconfined-unsafe`: the operator opted in (SANDBOX_LOCAL_UNCONFINED_UNSAFE=true) to running
 *   commands as plain processes of their own account.
 * - `refused`: confinement was asked for but cannot be had; commands are refused, naming why.
 */
export type Confinement =
  | { kind: "container" }
  | { kind: "bubblewrap"; bwrapPath: string; limits: SandboxLimits }
  | { kind: "unconfined-unsafe" }
  | { kind: "refused"; reason: string };

export interface SandboxLimits {
  /** RLIMIT_NPROC inside the sandbox's own user namespace: a fork bomb stops here. */
  maxProcesses: number;
  /** RLIMIT_FSIZE: no single file a command writes grows past this. */
  maxFileBytes: number;
  /** Size of the sandbox's private `/tmp` (a tmpfs). */
  tmpBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  maxProcesses: 256,
  maxFileBytes: 1024 * 1024 * 1024,
  tmpBytes: 256 * 1024 * 1024,
};

export const CONFINEMENT_ENV = "SANDBOX_CONFINEMENT";
export const BWRAP_PATH_ENV = "SANDBOX_BWRAP_PATH";
export const REFUSED_REASON_ENV = "SANDBOX_CONFINEMENT_REFUSED";
export const LIMIT_ENV = {
  maxProcesses: "SANDBOX_MAX_PROCESSES",
  maxFileBytes: "SANDBOX_MAX_FILE_BYTES",
  tmpBytes: "SANDBOX_TMP_BYTES",
} as const satisfies Record<keyof SandboxLimits, string>;

function readLimit(env: NodeJS.ProcessEnv, name: keyof SandboxLimits): number {
  const value = Number(env[LIMIT_ENV[name]] ?? "");
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_SANDBOX_LIMITS[name];
}

/** The confinement the runtime was started with (environment set by the host or the image). */
export function readConfinement(env: NodeJS.ProcessEnv): Confinement {
  const kind = env[CONFINEMENT_ENV] ?? "container";
  if (kind === "container") return { kind };
  if (kind === "unconfined-unsafe") return { kind };
  if (kind === "bubblewrap" && env[BWRAP_PATH_ENV]) {
    return {
      kind,
      bwrapPath: env[BWRAP_PATH_ENV] as string,
      limits: {
        maxProcesses: readLimit(env, "maxProcesses"),
        maxFileBytes: readLimit(env, "maxFileBytes"),
        tmpBytes: readLimit(env, "tmpBytes"),
      },
    };
  }
  return {
    kind: "refused",
    reason: env[REFUSED_REASON_ENV] || `unknown confinement "${kind}"`,
  };
}

/** Written by the image's entry point (container/guard-control-port.sh): "on", or why not. */
export const CONTROL_PORT_GUARD_FILE = "/run/molt/control-port-guard";
export const CONTROL_PORT_UNGUARDED_ENV = "SANDBOX_CONTROL_PORT_UNGUARDED_UNSAFE";

/**
 * In a container, commands are confined only if the SDK's control server (root, no credential)
 * is out of their reach: without the entry point's firewall rule they are refused, unless the
 * operator opted in with SANDBOX_CONTROL_PORT_UNGUARDED_UNSAFE=true (an ENV line in the image).
 */
export function requireControlPortGuard(
  confinement: Confinement,
  env: NodeJS.ProcessEnv,
  readGuardStatus: () => string | null,
): Confinement {
  if (confinement.kind !== "container" || env[CONTROL_PORT_UNGUARDED_ENV] === "true") {
    return confinement;
  }
  const status =
    readGuardStatus()?.trim() ??
    `no ${CONTROL_PORT_GUARD_FILE}: the image's entry point did not run`;
  if (status === "on") return confinement;
  return {
    kind: "refused",
    reason: `the sandbox control port is not closed to the agent's user (${status}); give the container CAP_NET_ADMIN, or set ENV ${CONTROL_PORT_UNGUARDED_ENV}=true in apps/sandbox/Dockerfile to accept that commands can drive the container as root`,
  };
}

/** The environment that hands a confinement to a runtime process (the inverse of the above). */
export function confinementEnvironment(confinement: Confinement): Record<string, string> {
  switch (confinement.kind) {
    case "bubblewrap":
      return {
        [CONFINEMENT_ENV]: "bubblewrap",
        [BWRAP_PATH_ENV]: confinement.bwrapPath,
        [LIMIT_ENV.maxProcesses]: String(confinement.limits.maxProcesses),
        [LIMIT_ENV.maxFileBytes]: String(confinement.limits.maxFileBytes),
        [LIMIT_ENV.tmpBytes]: String(confinement.limits.tmpBytes),
      };
    case "refused":
      return { [CONFINEMENT_ENV]: "refused", [REFUSED_REASON_ENV]: confinement.reason };
    default:
      return { [CONFINEMENT_ENV]: confinement.kind };
  }
}
