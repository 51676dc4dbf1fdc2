// Every call into `@cloudflare/sandbox` lives in this one module: the SDK's 0.x API is replaced
// by 1.0, and keeping it here keeps that change to one file.
import { getSandbox } from "@cloudflare/sandbox";
import { RUNTIME_TOKEN_ENV } from "@molt/contracts";
import type { RuntimeRequest, SandboxBackend } from "./sandbox-backend";

/** The runtime inside the container: bundled by `apps/sandbox`, copied there by its Dockerfile. */
export const RUNTIME_COMMAND = "node /opt/molt/sandbox-runtime.mjs";
/** A fixed id, so a second start finds the first instead of running two runtimes. */
export const RUNTIME_PROCESS_ID = "molt-sandbox-runtime";
export const RUNTIME_PORT = 8080;
export const DEFAULT_SLEEP_AFTER = "10m";

/**
 * The part of the SDK's Sandbox stub this adapter calls. Every call crosses Durable Object RPC,
 * so arguments must be serializable: plain data, and a Request without an AbortSignal. The tests
 * run this adapter against a Durable Object with this surface over real RPC (test-sandbox.ts).
 */
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

/**
 * `startProcess` and `getProcess` answer with a Process object whose methods (`kill`, `getLogs`,
 * ...) arrive over RPC as stubs into the Sandbox object; they are released as soon as the fields
 * we need are read, instead of at the end of the caller's request.
 */
function releaseRpcResult(value: unknown): void {
  const dispose = (Symbol as unknown as { dispose?: symbol }).dispose;
  if (!dispose || typeof value !== "object" || value === null) return;
  const release = (value as Record<symbol, unknown>)[dispose];
  if (typeof release === "function") release.call(value);
}

const LIVE_PROCESS_STATUSES = new Set(["starting", "running"]);
const LIVE_CONTAINER_STATUSES = new Set(["running", "healthy"]);

export class CloudflareSandboxBackend implements SandboxBackend {
  readonly kind = "cloudflare" as const;

  constructor(private readonly sandbox: SandboxSdkStub) {}

  async start(token: string): Promise<void> {
    if (await this.runtimeProcessLive()) {
      await this.sandbox.killProcess(RUNTIME_PROCESS_ID, "SIGTERM");
    }
    const started = await this.sandbox.startProcess(RUNTIME_COMMAND, {
      processId: RUNTIME_PROCESS_ID,
      // The token lives only in the runtime's own environment; it strips it before any command.
      env: {
        [RUNTIME_TOKEN_ENV]: token,
        SANDBOX_WORKSPACE: "/workspace",
        SANDBOX_RUNTIME_PORT: String(RUNTIME_PORT),
      },
      cwd: "/",
    });
    releaseRpcResult(started);
  }

  async isRunning(): Promise<boolean> {
    // The container state is asked first: getProcess would wake a sleeping container.
    if (!(await this.isAwake())) return false;
    return this.runtimeProcessLive();
  }

  /** Asks through the container, so it wakes a sleeping one: callers check isAwake first. */
  private async runtimeProcessLive(): Promise<boolean> {
    const process = await this.sandbox.getProcess(RUNTIME_PROCESS_ID).catch(() => null);
    const live = process !== null && LIVE_PROCESS_STATUSES.has(process.status);
    releaseRpcResult(process);
    return live;
  }

  async isAwake(): Promise<boolean> {
    // The Sandbox object's stored state: one RPC, no container involved.
    const state = await this.sandbox.getState().catch(() => ({ status: "unknown" }));
    return LIVE_CONTAINER_STATUSES.has(state.status);
  }

  fetch(path: string, request: RuntimeRequest): Promise<Response> {
    // Built from plain fields only: a Request carrying an AbortSignal cannot cross RPC.
    const { method, headers, body } = request;
    return this.sandbox.containerFetch(
      new Request(`http://sandbox${path}`, { method, headers, body }),
      RUNTIME_PORT,
    );
  }

  async stop(): Promise<void> {
    await this.sandbox.killProcess(RUNTIME_PROCESS_ID, "SIGTERM").catch(() => undefined);
  }

  async destroy(): Promise<void> {
    await this.sandbox.destroy();
  }
}
