import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalSandboxHost, startLocalSandboxHost } from "../src/host/local-sandbox-host";
import { buildBundles, makeTempDir, removeBundles, runtimeScriptPath } from "./runtime-harness";

// The attacks a command run by the agent could try against the developer's machine with
// `pnpm dev`. The layout mirrors a checkout: a secrets file at the "repo root", and every user's
// workspace in `.sandboxes/<userId>/workspace` below it.

const SECRET = `dev-vars-secret-${crypto.randomUUID()}`;
const VICTIM_MEMORY = `victim-memory-${crypto.randomUUID()}`;
const HOST_CREDENTIAL = `host-credential-${crypto.randomUUID()}`;
/** Small enough to write quickly, big enough for any real file the tests make. */
const TEST_MAX_FILE_BYTES = 4 * 1024 * 1024;
const TEST_MAX_PROCESSES = 64;

let repoRoot = "";
let host: LocalSandboxHost;
const tokens = {
  victim: `victim-token-${crypto.randomUUID()}`,
  attacker: `attacker-token-${crypto.randomUUID()}`,
};

function hostFetch(
  route: string,
  init: RequestInit = {},
  credential: string | null = HOST_CREDENTIAL,
) {
  const headers = new Headers(init.headers);
  if (credential !== null) headers.set("x-sandbox-host-token", credential);
  return fetch(host.url + route, { ...init, headers });
}

async function exec(
  user: keyof typeof tokens,
  command: string,
  timeoutMs = 20_000,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const response = await hostFetch(`/sandboxes/${user}/runtime/exec`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens[user]}`, "content-type": "application/json" },
    body: JSON.stringify({ command, timeoutMs }),
  });
  const body = (await response.json()) as {
    exitCode: number | null;
    stdout: string;
    stderr: string;
  };
  if (response.status !== 200)
    throw new Error(`exec answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

beforeAll(async () => {
  await buildBundles();
  repoRoot = await makeTempDir("molt-repo-");
  await writeFile(path.join(repoRoot, ".dev.vars"), `OPENAI_API_KEY=${SECRET}\n`);
  const rootDir = path.join(repoRoot, ".sandboxes");
  await mkdir(rootDir, { recursive: true });
  host = await startLocalSandboxHost({
    rootDir,
    runtimeScript: runtimeScriptPath(),
    credential: HOST_CREDENTIAL,
    limits: { maxFileBytes: TEST_MAX_FILE_BYTES, maxProcesses: TEST_MAX_PROCESSES },
  });
  for (const user of ["victim", "attacker"] as const) {
    const started = await hostFetch(`/sandboxes/${user}/start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: tokens[user] }),
    });
    expect(started.status).toBe(200);
  }
  await exec("victim", `echo ${VICTIM_MEMORY} > MEMORY.md`);
}, 60_000);

afterAll(async () => {
  await host?.close();
  await removeBundles();
});

describe("attacks on the local sandbox", { timeout: 30_000 }, () => {
  it("cannot read the developer's secrets beside the repo root (.dev.vars)", async () => {
    const absolute = path.join(repoRoot, ".dev.vars");
    const { stdout } = await exec(
      "attacker",
      `cat ${absolute} ../../../.dev.vars ../../.dev.vars 2>/dev/null`,
    );
    expect(stdout).not.toContain(SECRET);
  });

  it("cannot read another user's MEMORY.md", async () => {
    const victimWorkspace = path.join(repoRoot, ".sandboxes", "victim", "workspace");
    const { stdout } = await exec(
      "attacker",
      `cat ${victimWorkspace}/MEMORY.md ../../victim/workspace/MEMORY.md ../victim/workspace/MEMORY.md 2>/dev/null`,
    );
    expect(stdout).not.toContain(VICTIM_MEMORY);
    // The victim still reads its own.
    expect((await exec("victim", "cat MEMORY.md")).stdout).toContain(VICTIM_MEMORY);
  });

  it("cannot find a runtime token in any environment block, command line, open file or readable file", async () => {
    const { stdout } = await exec(
      "attacker",
      [
        "for f in /proc/[0-9]*/environ /proc/[0-9]*/cmdline; do cat $f 2>/dev/null; echo; done",
        "for f in /proc/[0-9]*/fd/*; do timeout 1 head -c 4096 $f 2>/dev/null </dev/null; echo; done",
        `grep -ra -h -o -E '(victim|attacker)-token-[0-9a-f-]+' /workspace /tmp ${repoRoot} 2>/dev/null`,
      ].join("; "),
    );
    expect(stdout).not.toContain(tokens.victim);
    expect(stdout).not.toContain(tokens.attacker);
  });

  it("cannot see or signal processes outside its sandbox", async () => {
    const { stdout } = await exec(
      "attacker",
      `kill -0 ${process.pid} 2>/dev/null && echo host-visible; ps -e -o pid= | wc -l`,
    );
    expect(stdout).not.toContain("host-visible");
    // Only the command's own processes: bash, ps, wc and the sandbox's init.
    expect(Number(stdout.trim())).toBeLessThan(8);
  });

  it("cannot call the sandbox host (DELETE another user's sandbox)", async () => {
    const port = new URL(host.url).port;
    await exec(
      "attacker",
      `curl -s -m 5 -X DELETE http://127.0.0.1:${port}/sandboxes/victim; curl -s -m 5 -X DELETE http://localhost:${port}/sandboxes/victim; echo done`,
    );
    expect((await exec("victim", "cat MEMORY.md")).stdout).toContain(VICTIM_MEMORY);
  });

  it("cannot write outside its workspace (system directories are read-only)", async () => {
    const { stdout } = await exec(
      "attacker",
      `touch /usr/molt-probe 2>/dev/null && echo wrote-usr; touch /etc/molt-probe 2>/dev/null && echo wrote-etc; touch ${repoRoot}/molt-probe 2>/dev/null && echo wrote-repo; echo checked`,
    );
    expect(stdout.trim()).toBe("checked");
  });

  it("keeps a process flood to the sandbox's process limit", async () => {
    // Bounded on any code: at most 200 sleeps, all ended with the command's process group.
    const { stdout } = await exec(
      "attacker",
      "n=0; for i in $(seq 200); do sleep 30 2>/dev/null & n=$((n+1)); done 2>/dev/null; jobs -p | wc -l",
      10_000,
    );
    expect(Number(stdout.trim() || "0")).toBeLessThan(TEST_MAX_PROCESSES);
  });

  it("survives a real fork bomb, bounded by the process limit, and keeps working", async () => {
    // Run only where the limit is known to hold, so it can never reach the machine.
    const { stdout: limit } = await exec("attacker", "ulimit -u");
    expect(Number(limit.trim())).toBeLessThanOrEqual(TEST_MAX_PROCESSES);
    await exec("attacker", "bomb() { bomb | bomb & }; bomb", 3_000);
    expect((await exec("attacker", "echo alive")).stdout).toBe("alive\n");
  });

  it("cannot fill the disk past the per-file cap", async () => {
    const { stdout } = await exec(
      "attacker",
      `head -c ${TEST_MAX_FILE_BYTES * 4} /dev/zero > fill 2>/dev/null; stat -c %s fill; rm -f fill`,
    );
    expect(Number(stdout.trim())).toBeLessThanOrEqual(TEST_MAX_FILE_BYTES);
  });
});

describe("the local sandbox host", () => {
  it("refuses every route without its credential", async () => {
    const routes: [string, string][] = [
      ["GET", "/health"],
      ["GET", "/sandboxes/victim"],
      ["POST", "/sandboxes/victim/start"],
      ["POST", "/sandboxes/victim/kill"],
      ["DELETE", "/sandboxes/victim"],
      ["POST", "/sandboxes/victim/runtime/exec"],
    ];
    for (const [method, route] of routes) {
      for (const credential of [null, "wrong-credential"]) {
        const response = await hostFetch(route, { method }, credential);
        expect(response.status, `${method} ${route}`).toBe(401);
      }
    }
    expect((await exec("victim", "cat MEMORY.md")).stdout).toContain(VICTIM_MEMORY);
  });
});
