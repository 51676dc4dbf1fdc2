import type { WorkspaceStore } from "@molt/agent";
import { readWorkerConfig } from "../config/worker-config";
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

/** `workspace` is the agent's own store, so the write-back refreshes what the prompt reads. */
export function createManagedSandbox(
  env: Env,
  userId: string,
  state: SandboxStateStore,
  workspace: WorkspaceStore,
): ManagedSandbox {
  return new ManagedSandbox({
    userId,
    backend: chooseSandboxBackend(env, userId),
    workspace,
    state,
  });
}
