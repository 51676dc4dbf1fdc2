import { SANDBOX_HOST_CREDENTIAL_HEADER } from "@molt/contracts";
import type { RuntimeRequest, SandboxBackend } from "./sandbox-backend";

/**
 * The local stand-in for containers: the sandbox host (`apps/sandbox`, started by the dev
 * command and the test setup) runs one runtime process per user and proxies to it.
 */
export class LocalSandboxBackend implements SandboxBackend {
  readonly kind = "local" as const;
  private readonly base: string;
  private readonly fetcher: typeof fetch;

  constructor(
    hostUrl: string,
    /** SANDBOX_LOCAL_TOKEN: the host answers nothing without it (`pnpm dev` makes one per run). */
    credential: string,
    userId: string,
    // Wrapped: workerd refuses a bare `fetch` called as a method of another object.
    fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {
    this.base = `${hostUrl.replace(/\/$/, "")}/sandboxes/${encodeURIComponent(userId)}`;
    this.fetcher = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set(SANDBOX_HOST_CREDENTIAL_HEADER, credential);
      return fetcher(input, { ...init, headers });
    };
  }

  async start(token: string): Promise<void> {
    const response = await this.fetcher(`${this.base}/start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    if (!response.ok) {
      throw new Error(
        `the local sandbox host could not start the runtime (HTTP ${response.status}): ${await response.text()}`,
      );
    }
  }

  async isRunning(): Promise<boolean> {
    const response = await this.fetcher(this.base);
    if (!response.ok) return false;
    const body = (await response.json()) as { running?: boolean };
    return body.running === true;
  }

  async isAwake(): Promise<boolean> {
    // Locally the runtime process is the whole "container".
    return this.isRunning();
  }

  fetch(path: string, request: RuntimeRequest): Promise<Response> {
    const { method, headers, body } = request;
    return this.fetcher(`${this.base}/runtime${path}`, { method, headers, body });
  }

  async stop(): Promise<void> {
    await this.fetcher(`${this.base}/stop`, { method: "POST" });
  }

  async destroy(): Promise<void> {
    await this.fetcher(this.base, { method: "DELETE" });
  }
}
