import { inject } from "vitest";
import type { SandboxSdkStub } from "../../src/sandbox/cloudflare-sandbox-backend";
import { fetchSandboxHost } from "./sandbox-host";

export interface SdkCall {
  method: string;
  args: unknown[];
}

/**
 * A fake of the part of the `@cloudflare/sandbox` stub the Cloudflare adapter calls. Behind it
 * is no container but the local sandbox host, so the runtime it "starts" is the real one: the
 * adapter's start, health wait, restart and calls are exercised end to end.
 */
export function createFakeSandboxSdk(userId: string) {
  const base = `${inject("fakeUrls").SANDBOX_LOCAL_URL}/sandboxes/${userId}`;
  const calls: SdkCall[] = [];
  let containerAwake = false;
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const hostRunning = async () =>
    ((await (await fetchSandboxHost(base)).json()) as { running: boolean }).running;

  const stub: SandboxSdkStub = {
    async startProcess(command, options) {
      record("startProcess", command, options);
      containerAwake = true;
      const token = options.env.SANDBOX_RUNTIME_TOKEN;
      const response = await fetchSandboxHost(`${base}/start`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      if (!response.ok) throw new Error(`startProcess failed: ${response.status}`);
      return { id: options.processId };
    },
    async getProcess(id) {
      record("getProcess", id);
      containerAwake = true;
      return (await hostRunning()) ? { status: "running" } : { status: "killed" };
    },
    async killProcess(id, signal) {
      record("killProcess", id, signal);
      await fetchSandboxHost(`${base}/stop`, { method: "POST" });
    },
    async containerFetch(request, port) {
      record("containerFetch", new URL(request.url).pathname, port);
      containerAwake = true;
      const url = new URL(request.url);
      return fetchSandboxHost(`${base}/runtime${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body: request.method === "GET" ? undefined : await request.text(),
      });
    },
    async getState() {
      record("getState");
      return { status: containerAwake ? "healthy" : "stopped" };
    },
    async destroy() {
      record("destroy");
      containerAwake = false;
      await fetchSandboxHost(base, { method: "DELETE" });
    },
  };
  return {
    stub,
    calls,
    named: (method: string) => calls.filter((call) => call.method === method),
    /** The container dies under the runtime (as after a crash or an eviction). */
    async killContainer() {
      await fetchSandboxHost(`${base}/kill`, { method: "POST" });
    },
  };
}
