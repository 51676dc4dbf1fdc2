import { mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalSandboxHost, startLocalSandboxHost } from "../src/host/local-sandbox-host";
import { buildBundles, makeTempDir, removeBundles, runtimeScriptPath } from "./runtime-harness";

const CREDENTIAL = `host-credential-${crypto.randomUUID()}`;
const TOKEN = `runtime-token-${crypto.randomUUID()}`;
const hosts: LocalSandboxHost[] = [];

/** A host on a machine where bubblewrap is missing, with or without the unsafe opt-in. */
async function startHostWithoutBubblewrap(allowUnconfined: boolean) {
  const rootDir = path.join(await makeTempDir("molt-refusal-"), ".sandboxes");
  await mkdir(rootDir);
  const host = await startLocalSandboxHost({
    rootDir,
    runtimeScript: runtimeScriptPath(),
    credential: CREDENTIAL,
    bwrapPath: "/nonexistent/bwrap",
    allowUnconfined,
  });
  hosts.push(host);
  const call = (route: string, body?: unknown) =>
    fetch(`${host.url}/sandboxes/someone${route}`, {
      method: "POST",
      headers: {
        "x-sandbox-host-token": CREDENTIAL,
        authorization: `Bearer ${TOKEN}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body ?? { token: TOKEN }),
    });
  expect((await call("/start")).status).toBe(200);
  return { host, call };
}

beforeAll(buildBundles, 60_000);
afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  await removeBundles();
});

describe("the local sandbox without bubblewrap", () => {
  it("refuses shell commands and background processes, naming what is missing", async () => {
    const { host, call } = await startHostWithoutBubblewrap(false);
    expect(host.confinement.kind).toBe("refused");
    for (const [route, body] of [
      ["/runtime/exec", { command: "echo ran" }],
      ["/runtime/processes", { command: "sleep 5" }],
    ] as const) {
      const response = await call(route, body);
      const answer = (await response.json()) as { error: { message: string } };
      expect(response.status).toBe(409);
      expect(answer.error.message).toContain("bubblewrap is not installed");
      expect(answer.error.message).toContain("SANDBOX_LOCAL_UNCONFINED_UNSAFE=true");
    }
    // File tools do not run commands and keep working.
    const write = await call("/runtime/files/write", { path: "a.txt", content: "x" });
    expect(write.status).toBe(200);
  });

  it("runs commands unconfined only when the operator opted in", async () => {
    const { host, call } = await startHostWithoutBubblewrap(true);
    expect(host.confinement.kind).toBe("unconfined-unsafe");
    const response = await call("/runtime/exec", { command: "echo ran" });
    expect(await response.json()).toMatchObject({ exitCode: 0, stdout: "ran\n" });
  });
});
