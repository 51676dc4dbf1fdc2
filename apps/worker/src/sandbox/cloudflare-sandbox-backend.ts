// Every call into `@cloudflare/sandbox` lives in this one module: the SDK's 0.x API is replaced
// by 1.0, and keeping it here keeps that change to one file.
import { getSandbox } from "@cloudflare/sandbox";
import { RUNTIME_TOKEN_ENV } from "@molt/contracts";
import type { SandboxBackend } from "./sandbox-backend";

/** The runtime inside the container: bundled by `apps/sandbox`, copied there by its Dockerfile. */
export const RUNTIME_COMMAND = "node /opt/molt/sandbox-runtime.mjs";
/** A fixed id, so a second start finds the first instead of running two runtimes. */
export const RUNTIME_PROCESS_ID = "molt-sandbox-runtime";
export const RUNTIME_PORT = 8080;
export const DEFAULT_SLEEP_AFTER = "10m";

/** The part of the SDK's Sandbox stub this adapter calls; tests hand it a fake of just this. */
export interface SandboxSdkStub {
  startProcess(
    command: string,
    options: { processId: string; env: Record<string, string>; cwd?: string },
  ): Promise<{ id: string }>;
  getProcess(id: string): Promise<{ status: string } | null>;
  killProcess(id: string, signal?: string): Promise<void>;
  containerFetch(request: Request, port: number): Promise<Response>;
  getState(): Promise<{ status: string }>;
  destroy(): Promise<void>;
}

export interface CloudflareSandboxOptions {
  sleepAfter?: string;
}

/** The user's Sandbox Durable Object, by lowercase id, over the SDK's RPC transport. */
export function openUserSandbox(
  namespace: Env["Sandbox"],
  userId: string,
  options: CloudflareSandboxOptions = {},
  open: typeof getSandbox = getSandbox,
): SandboxSdkStub {
  return open(namespace, userId.toLowerCase(), {
    transport: "rpc",
    sleepAfter: options.sleepAfter ?? DEFAULT_SLEEP_AFTER,
  }) as unknown as SandboxSdkStub;
}

const LIVE_PROCESS_STATUSES = new Set(["starting", "running"]);
const LIVE_CONTAINER_STATUSES = new Set(["running", "healthy"]);

export class CloudflareSandboxBackend implements SandboxBackend {
  readonly kind = "cloudflare" as const;

  constructor(private readonly sandbox: SandboxSdkStub) {}

  async start(token: string): Promise<void> {
    const existing = await this.sandbox.getProcess(RUNTIME_PROCESS_ID).catch(() => null);
    if (existing && LIVE_PROCESS_STATUSES.has(existing.status)) {
      await this.sandbox.killProcess(RUNTIME_PROCESS_ID, "SIGTERM");
    }
    await this.sandbox.startProcess(RUNTIME_COMMAND, {
      processId: RUNTIME_PROCESS_ID,
      // The token lives only in the runtime's own environment; it strips it before any command.
      env: {
        [RUNTIME_TOKEN_ENV]: token,
        SANDBOX_WORKSPACE: "/workspace",
        SANDBOX_RUNTIME_PORT: String(RUNTIME_PORT),
      },
      cwd: "/",
    });
  }

  async isRunning(): Promise<boolean> {
    // The container state is asked first: getProcess would wake a sleeping container.
    const state = await this.sandbox.getState().catch(() => ({ status: "unknown" }));
    if (!LIVE_CONTAINER_STATUSES.has(state.status)) return false;
    const process = await this.sandbox.getProcess(RUNTIME_PROCESS_ID).catch(() => null);
    return process !== null && LIVE_PROCESS_STATUSES.has(process.status);
  }

  fetch(path: string, init: RequestInit): Promise<Response> {
    return this.sandbox.containerFetch(new Request(`http://sandbox${path}`, init), RUNTIME_PORT);
  }

  async stop(): Promise<void> {
    await this.sandbox.killProcess(RUNTIME_PROCESS_ID, "SIGTERM").catch(() => undefined);
  }

  async destroy(): Promise<void> {
    await this.sandbox.destroy();
  }
}
