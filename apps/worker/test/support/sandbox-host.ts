import { inject } from "vitest";

export interface HostStatus {
  running: boolean;
  pid: number | null;
  inFlight: string[];
}

function hostUrl(userId: string): string {
  return `${inject("fakeUrls").SANDBOX_LOCAL_URL}/sandboxes/${userId}`;
}

/** A request to the local sandbox host, with its credential. */
export function fetchSandboxHost(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("x-sandbox-host-token", inject("fakeUrls").SANDBOX_LOCAL_TOKEN);
  return fetch(url, { ...init, headers });
}

/** The local sandbox host, seen from a test: whether a user's runtime runs, and killing it. */
export const sandboxHost = {
  async status(userId: string): Promise<HostStatus> {
    return (await (await fetchSandboxHost(hostUrl(userId))).json()) as HostStatus;
  },
  /** SIGKILL, like a container that dies: nothing is saved on the way out. */
  async kill(userId: string): Promise<void> {
    await fetchSandboxHost(`${hostUrl(userId)}/kill`, { method: "POST" });
  },
};
