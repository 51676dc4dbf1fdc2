import { DurableObject } from "cloudflare:workers";
import { SANDBOX_HOST_CREDENTIAL_HEADER } from "@molt/contracts";

/**
 * A stand-in for the `@cloudflare/sandbox` 0.x `Sandbox` Durable Object, exported only by the
 * test pool's entry (`test-worker.ts`) and bound as `TEST_SANDBOX` (vitest.config.ts). It has the
 * part of the SDK stub's surface the Cloudflare adapter calls, and it is reached through the real
 * `getSandbox()` over real Durable Object RPC, so what crosses the boundary must be serializable
 * exactly as in production. Behind it there is no container but the local sandbox host running
 * the real runtime; an "image" is a host (the current runtime bundle, or one built as an older
 * release). It can go to sleep on command: state `stopped`, runtime and disk gone.
 */

export type TestContainerStatus = "stopped" | "healthy";
export type TestImage = "current" | "old";

export interface TestProcess {
  id: string;
  status: string;
  kill(): Promise<void>;
}

export interface TestSandboxCall {
  method: string;
  /** Arguments as they arrived, after RPC deserialization; a Request is shown by its path. */
  args: unknown[];
  /** The container's state when the call arrived. */
  status: TestContainerStatus;
}

/**
 * Stands in for the SDK's 90 s `portReadyTimeoutMS`: how long `containerFetch` on a stopped
 * container waits for a port nobody opens before it answers 503, as the SDK does.
 */
export const TEST_PORT_WAIT_MS = 4_000;

/** The sleepAfter grammar of `parseTimeExpression` in `@cloudflare/containers` (lib/helpers.js). */
const SDK_TIME_EXPRESSION = /^(\d+)([smh])$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TestSandboxEnv {
  SANDBOX_LOCAL_URL: string;
  SANDBOX_LOCAL_TOKEN: string;
  TEST_SANDBOX_OLD_IMAGE_URL: string;
}

export class TestSandbox extends DurableObject<TestSandboxEnv> {
  private readonly recorded: TestSandboxCall[] = [];

  // ---- the SDK stub's surface ----------------------------------------------------------------

  /** What `getSandbox()` sends on first use (name, sleepAfter, transport, ...). */
  async configure(configuration: {
    sandboxName?: { name: string };
    sleepAfter?: string | number;
  }): Promise<void> {
    this.record("configure", configuration);
    if (configuration.sandboxName) this.kv.put("name", configuration.sandboxName.name);
    if (configuration.sleepAfter !== undefined) {
      // The SDK stores the value first and parses it after: a bad one breaks the object for good.
      this.kv.put("sleepAfter", configuration.sleepAfter);
      if (
        typeof configuration.sleepAfter === "string" &&
        !SDK_TIME_EXPRESSION.test(configuration.sleepAfter)
      ) {
        throw new Error(`invalid time expression ${configuration.sleepAfter}`);
      }
    }
  }

  async startProcess(
    command: string,
    options: { processId: string; env: Record<string, string>; cwd?: string },
  ): Promise<TestProcess> {
    this.record("startProcess", command, { ...options, env: Object.keys(options.env) });
    this.wake();
    const response = await this.hostFetch(`${this.hostBase()}/start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: options.env.SANDBOX_RUNTIME_TOKEN }),
    });
    if (!response.ok) throw new Error(`startProcess failed: HTTP ${response.status}`);
    this.kv.put("processStarted", true);
    return this.processObject(options.processId, "running");
  }

  async getProcess(id: string): Promise<TestProcess | null> {
    this.record("getProcess", id);
    // Like the SDK, asking about a process goes through the container and so wakes it.
    this.wake();
    if (!this.kv.get<boolean>("processStarted")) return null;
    return this.processObject(id, (await this.hostRunning()) ? "running" : "killed");
  }

  async killProcess(id: string, signal?: string): Promise<void> {
    this.record("killProcess", id, signal);
    if (this.status() === "stopped") return;
    await this.hostFetch(`${this.hostBase()}/stop`, { method: "POST" });
  }

  async containerFetch(request: Request, port: number): Promise<Response> {
    const url = new URL(request.url);
    this.record("containerFetch", `${request.method} ${url.pathname}`, port);
    if (this.status() === "stopped") {
      // The SDK starts the container and waits for the port; nothing opens it, so it gives up.
      this.wake();
      await sleep(TEST_PORT_WAIT_MS);
      return Response.json(
        { code: "INTERNAL_ERROR", message: "Container is starting. Please retry in a moment." },
        { status: 503, headers: { "retry-after": "3" } },
      );
    }
    return this.hostFetch(`${this.hostBase()}/runtime${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body: request.method === "GET" ? undefined : await request.arrayBuffer(),
    });
  }

  async getState(): Promise<{ status: string; lastChange: number }> {
    this.record("getState");
    return { status: this.status(), lastChange: this.kv.get<number>("lastChange") ?? 0 };
  }

  async destroy(): Promise<void> {
    this.record("destroy");
    await this.stopContainer();
  }

  // ---- what a test does to it ----------------------------------------------------------------

  /** The container sleeps (sleepAfter ran out): the runtime and the disk are gone. */
  async goToSleep(): Promise<void> {
    await this.stopContainer();
  }

  /** The image the next container start uses; a running container keeps the one it has. */
  async useImage(image: TestImage): Promise<void> {
    this.kv.put("nextImage", image);
  }

  /** Starts a runtime the way an earlier Worker would have, outside the adapter. */
  async startRuntimeAsBefore(token: string): Promise<void> {
    await this.startProcess("node /opt/molt/sandbox-runtime.mjs", {
      processId: "molt-sandbox-runtime",
      env: { SANDBOX_RUNTIME_TOKEN: token },
    });
    this.recorded.length = 0;
  }

  async calls(): Promise<TestSandboxCall[]> {
    return this.recorded;
  }

  async storedSleepAfter(): Promise<string | number | undefined> {
    return this.kv.get("sleepAfter");
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Like the SDK's Process: data plus methods, which reach the caller as RPC stubs. */
  private processObject(id: string, status: string): TestProcess {
    return {
      id,
      status,
      kill: async () => {
        await this.killProcess(id, "SIGTERM");
      },
    };
  }

  private get kv() {
    return this.ctx.storage.kv;
  }

  private record(method: string, ...args: unknown[]): void {
    this.recorded.push({ method, args, status: this.status() });
  }

  private status(): TestContainerStatus {
    return this.kv.get<TestContainerStatus>("status") ?? "stopped";
  }

  private wake(): void {
    if (this.status() !== "stopped") return;
    this.kv.put("status", "healthy");
    this.kv.put("lastChange", Date.now());
    this.kv.put("image", this.kv.get<TestImage>("nextImage") ?? "current");
    this.kv.put("processStarted", false);
  }

  private async stopContainer(): Promise<void> {
    if (this.status() !== "stopped") {
      await this.hostFetch(this.hostBase(), { method: "DELETE" });
    }
    this.kv.put("status", "stopped");
    this.kv.put("lastChange", Date.now());
    this.kv.put("processStarted", false);
  }

  private async hostRunning(): Promise<boolean> {
    const response = await this.hostFetch(this.hostBase());
    return ((await response.json()) as { running?: boolean }).running === true;
  }

  /** A request to the local host, with the credential it asks of every caller. */
  private hostFetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set(SANDBOX_HOST_CREDENTIAL_HEADER, this.env.SANDBOX_LOCAL_TOKEN);
    return fetch(url, { ...init, headers });
  }

  /** This sandbox on the local host that plays the container's current image. */
  private hostBase(): string {
    const name = this.kv.get<string>("name") ?? this.ctx.id.name ?? "";
    const image = this.kv.get<TestImage>("image") ?? "current";
    const host = image === "old" ? this.env.TEST_SANDBOX_OLD_IMAGE_URL : this.env.SANDBOX_LOCAL_URL;
    return `${host}/sandboxes/${encodeURIComponent(name)}`;
  }
}
