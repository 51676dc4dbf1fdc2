import { readWorkerConfig } from "../config/worker-config";
import { R2WorkspaceStore } from "../workspace/r2-workspace-store";
import { CloudflareSandboxBackend, openUserSandbox } from "./cloudflare-sandbox-backend";
import { LocalSandboxBackend } from "./local-sandbox-backend";
import { ManagedSandbox, type SandboxStateStore } from "./managed-sandbox";
import type { SandboxBackend } from "./sandbox-backend";

/** The local sandbox host when SANDBOX_LOCAL_URL is set, else the user's Cloudflare container. */
export function chooseSandboxBackend(env: Env, userId: string): SandboxBackend {
  const { values } = readWorkerConfig(env);
  if (values.SANDBOX_LOCAL_URL) {
    return new LocalSandboxBackend(
      values.SANDBOX_LOCAL_URL,
      values.SANDBOX_LOCAL_TOKEN ?? "",
      userId,
    );
  }
  return new CloudflareSandboxBackend(
    openUserSandbox(env.Sandbox, userId, { sleepAfter: values.SANDBOX_SLEEP_AFTER }),
  );
}

export function createManagedSandbox(
  env: Env,
  userId: string,
  state: SandboxStateStore,
): ManagedSandbox {
  return new ManagedSandbox({
    userId,
    backend: chooseSandboxBackend(env, userId),
    workspace: new R2WorkspaceStore(env.WORKSPACES, userId),
    state,
  });
}
