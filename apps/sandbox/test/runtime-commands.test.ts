import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundles, removeBundles, startTestRuntime, type TestRuntime } from "./runtime-harness";

let runtime: TestRuntime;

/** The direct children of a process, from /proc (every thread's list). */
async function childPids(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  const lists = await Promise.all(
    tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "")),
  );
  return lists.flatMap((list) => list.trim().split(/\s+/).filter(Boolean).map(Number));
}

beforeAll(async () => {
  await buildBundles();
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime.close();
  await removeBundles();
});

describe("the sandbox runtime: commands", () => {
  it("runs a shell command in the workspace and returns its output and exit code", async () => {
    const { status, body } = await runtime.call("/exec", {
      command: "echo hello > greeting.txt && cat greeting.txt && echo oops >&2 && exit 3",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      exitCode: 3,
      stdout: "hello\n",
      stderr: "oops\n",
      timedOut: false,
    });
  });

  it("runs commands in a subdirectory given as cwd", async () => {
    await runtime.call("/exec", { command: "mkdir -p sub/dir" });
    const { body } = await runtime.call("/exec", { command: "pwd", cwd: "sub/dir" });
    expect(String(body.stdout).trim().endsWith("/workspace/sub/dir")).toBe(true);
  });

  it("kills a command at its timeout, children included, and says so", async () => {
    const { body } = await runtime.call("/exec", {
      command: "sleep 30 & sleep 30; echo never",
      timeoutMs: 300,
    });
    expect(body).toMatchObject({ timedOut: true, exitCode: null });
    expect(body.stdout).not.toContain("never");
  });

  it("caps huge output, keeping head and tail with a note of what was left out", async () => {
    const { body } = await runtime.call("/exec", {
      command: "echo FIRST; head -c 5000000 /dev/zero | tr '\\0' 'x'; echo; echo LAST",
      maxOutputBytes: 10_000,
    });
    const stdout = String(body.stdout);
    expect(body.truncated).toBe(true);
    expect(stdout.startsWith("FIRST")).toBe(true);
    expect(stdout.trimEnd().endsWith("LAST")).toBe(true);
    expect(stdout).toMatch(/output truncated: \d+ bytes omitted/);
    expect(stdout.length).toBeLessThan(11_000);
  });

  it("kills a command when its caller hangs up", async () => {
    const caller = new AbortController();
    const running = fetch(`${runtime.url}/exec`, {
      method: "POST",
      headers: { authorization: `Bearer ${runtime.token}` },
      body: JSON.stringify({ command: "echo started > hangup.txt; sleep 30" }),
      signal: caller.signal,
    }).catch(() => "aborted");
    // Seen from outside: the command's processes live in their own PID namespace.
    await expect
      .poll(() => childPids(runtime.process.pid as number), { timeout: 5_000 })
      .not.toEqual([]);
    await expect
      .poll(async () => existsSync(path.join(runtime.workspace, "hangup.txt")))
      .toBe(true);
    caller.abort();
    expect(await running).toBe("aborted");
    await expect
      .poll(() => childPids(runtime.process.pid as number), { timeout: 5_000 })
      .toEqual([]);
  });

  it("kills a command cancelled by its call id, and a cancel that arrives first", async () => {
    const running = fetch(`${runtime.url}/exec`, {
      method: "POST",
      headers: { authorization: `Bearer ${runtime.token}`, "x-molt-call-id": "call-1" },
      body: JSON.stringify({ command: "echo $$ > cancel.pid; sleep 30; echo late" }),
    }).then((response) => response.json() as Promise<Record<string, unknown>>);
    await expect
      .poll(async () => (await runtime.call("/exec", { command: "cat cancel.pid" })).body.stdout, {
        timeout: 5_000,
      })
      .toMatch(/^\d+/);
    const cancel = await runtime.call("/calls/call-1/cancel", {});
    expect(cancel.body).toEqual({ cancelled: true });
    // The command's own request ends with the killed result; the runtime stays up.
    expect(await running).toMatchObject({ exitCode: null, signal: "SIGKILL", stdout: "" });
    const early = await runtime.call("/calls/call-2/cancel", {});
    expect(early.body).toEqual({ cancelled: false });
    const late = await fetch(`${runtime.url}/exec`, {
      method: "POST",
      headers: { authorization: `Bearer ${runtime.token}`, "x-molt-call-id": "call-2" },
      body: JSON.stringify({ command: "sleep 30" }),
    });
    // Killed, not timed out: the cancel that came first ended it as soon as it started.
    expect(await late.json()).toMatchObject({ signal: "SIGKILL", timedOut: false });
    expect((await runtime.call("/calls/not%20an%20id/cancel", {})).status).toBe(400);
  });

  it("reports the release it was built from on /health", async () => {
    const { body } = await runtime.call<{ version: string }>("/health");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("returns binary output as valid JSON text", async () => {
    const { status, body } = await runtime.call("/exec", { command: "head -c 2048 /dev/urandom" });
    expect(status).toBe(200);
    expect(typeof body.stdout).toBe("string");
  });

  it("runs concurrent commands independently", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        runtime.call("/exec", { command: `sleep 0.2; echo job-${index}` }),
      ),
    );
    expect(results.map((result) => String(result.body.stdout).trim())).toEqual(
      Array.from({ length: 8 }, (_, index) => `job-${index}`),
    );
  });

  it("gives commands a clean environment without the runtime token", async () => {
    const { body } = await runtime.call("/exec", { command: "env" });
    const names = String(body.stdout)
      .trim()
      .split("\n")
      .map((line) => line.split("=")[0])
      .filter((name) => name !== "PWD" && name !== "SHLVL" && name !== "_");
    expect(names.sort()).toEqual(["HOME", "LANG", "PATH", "TERM"]);
    expect(body.stdout).not.toContain(runtime.token);
  });

  it("runs commands as an unprivileged user when the runtime is root", async () => {
    const { body: health } = await runtime.call<{ runAs: { uid: number; unprivileged: boolean } }>(
      "/health",
    );
    const { body } = await runtime.call("/exec", { command: "id -u" });
    expect(Number(String(body.stdout).trim())).toBe(health.runAs.uid);
    if (process.getuid?.() === 0) {
      expect(health.runAs.uid).not.toBe(0);
      // The unprivileged user can still write its own workspace.
      const write = await runtime.call("/exec", {
        command: "echo mine > owned.txt && cat owned.txt",
      });
      expect(write.body.stdout).toBe("mine\n");
    }
    expect(health.runAs.unprivileged).toBe(true);
  });

  it("runs, lists, reads and stops background processes", async () => {
    const { body: started } = await runtime.call<{ id: string; status: string }>("/processes", {
      command: "echo started; while true; do sleep 0.05; done",
    });
    expect(started.status).toBe("running");
    await expect
      .poll(async () => (await runtime.call(`/processes/${started.id}/logs`)).body.output, {
        timeout: 5_000,
      })
      .toContain("started");
    const { body: list } = await runtime.call<{ processes: { id: string }[] }>("/processes");
    expect(list.processes.map((entry) => entry.id)).toContain(started.id);
    const { body: stopped } = await runtime.call(`/processes/${started.id}/stop`, {});
    expect(stopped.status).toBe("killed");
    const missing = await runtime.call("/processes/p999/logs");
    expect(missing.status).toBe(404);
  });
});

describe("the sandbox runtime: who may call it", () => {
  it("refuses a missing or wrong token", async () => {
    expect((await runtime.call("/health", undefined, { token: null })).status).toBe(401);
    expect((await runtime.call("/health", undefined, { token: "wrong" })).status).toBe(401);
    const almost = `${runtime.token.slice(0, -1)}x`;
    const refused = await runtime.call("/exec", { command: "touch pwned" }, { token: almost });
    expect(refused.status).toBe(401);
    const { body } = await runtime.call("/exec", { command: "ls pwned 2>&1 || true" });
    expect(body.stdout).toContain("No such file");
  });

  it("answers malformed requests with a 400 that names the problem", async () => {
    const notJson = await runtime.call("/exec", undefined, { raw: "{not json" });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    const wrongShape = await runtime.call<{ error: { message: string } }>("/exec", { command: 42 });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.error.message).toContain("command");
    const extra = await runtime.call("/exec", { command: "true", sudo: true });
    expect(extra.status).toBe(400);
    expect((await runtime.call("/nope")).status).toBe(404);
  });
});
