import { env } from "cloudflare:test";
import { ComputerCallError, ComputerInterruptedError, MemoryWorkspaceStore } from "@molt/agent";
import {
  execResultSchema,
  readFileResultSchema,
  runtimeHealthSchema,
  writeFileResultSchema,
} from "@molt/contracts";
import { describe, expect, it } from "vitest";
import { TEST_OLD_RUNTIME_VERSION } from "../../../tests/setup/test-settings";
import {
  CloudflareSandboxBackend,
  openUserSandbox,
  RUNTIME_PORT,
  RUNTIME_PROCESS_ID,
} from "../src/sandbox/cloudflare-sandbox-backend";
import { chooseSandboxBackend } from "../src/sandbox/create-sandbox";
import { ManagedSandbox, type SandboxState } from "../src/sandbox/managed-sandbox";
import { VERSION } from "../src/version";
import { waitFor } from "./support/fakes";
import { sandboxHost } from "./support/sandbox-host";
import type { TestSandbox, TestSandboxCall } from "./support/test-sandbox";

/** The test Sandbox namespace, bound only in the Workers test pool (vitest.config.ts). */
const testSandboxes = (env as unknown as { TEST_SANDBOX: DurableObjectNamespace<TestSandbox> })
  .TEST_SANDBOX;

/**
 * A user's ManagedSandbox over the Cloudflare adapter, which reaches the test Sandbox Durable
 * Object through the SDK's real `getSandbox()` and real Durable Object RPC.
 */
function newSandbox(label: string, options: { turnCommandBudgetMs?: number } = {}) {
  const userId = `cf-${label}-${crypto.randomUUID().slice(0, 8)}`;
  const namespace = testSandboxes as unknown as Env["Sandbox"];
  const workspace = new MemoryWorkspaceStore();
  let saved: SandboxState | undefined;
  const state = { load: () => saved, save: (next: SandboxState | undefined) => (saved = next) };
  const sandbox = new ManagedSandbox({
    userId,
    backend: new CloudflareSandboxBackend(
      openUserSandbox(namespace, userId, { sleepAfter: "10m" }),
    ),
    workspace,
    state,
    ...options,
  });
  const container = testSandboxes.getByName(userId);
  // RPC types cannot express `unknown` arguments; the recorded calls are plain data.
  const calls = async (method?: string) =>
    ((await container.calls()) as unknown as TestSandboxCall[]).filter(
      (call) => !method || call.method === method,
    );
  return { userId, workspace, sandbox, state, container, calls };
}

describe("the Cloudflare sandbox adapter, against a test Sandbox Durable Object over RPC", () => {
  it("opens the user's sandbox by lowercase id over RPC with the configured sleepAfter", () => {
    const opened: unknown[][] = [];
    const fakeOpen = ((...args: unknown[]) => {
      opened.push(args);
      return {};
    }) as unknown as Parameters<typeof openUserSandbox>[3];
    openUserSandbox(env.Sandbox, "User-ABC", { sleepAfter: "3m" }, fakeOpen);
    openUserSandbox(env.Sandbox, "u2", {}, fakeOpen);
    expect(opened[0]?.slice(1)).toEqual(["user-abc", { transport: "rpc", sleepAfter: "3m" }]);
    expect(opened[1]?.[2]).toEqual({ transport: "rpc", sleepAfter: "10m" });
  });

  it("hands the Sandbox only a sleepAfter the SDK parses: seconds converted, bad values refused", async () => {
    const stored = async (sleepAfter: string) => {
      const userId = `cf-sleep-${crypto.randomUUID().slice(0, 8)}`;
      const backend = chooseSandboxBackend(
        {
          ...env,
          SANDBOX_LOCAL_URL: "",
          SANDBOX_SLEEP_AFTER: sleepAfter,
          Sandbox: testSandboxes as unknown as Env["Sandbox"],
        },
        userId,
      );
      expect(backend.kind).toBe("cloudflare");
      await backend.isAwake();
      return testSandboxes.getByName(userId).storedSleepAfter();
    };
    expect(await stored("600")).toBe("600s");
    expect(await stored("1h")).toBe("1h");
    // Refused by the configuration (and shown as a problem there): the default applies.
    expect(await stored("10 minutes")).toBe("10m");
  });

  it("starts the runtime once for concurrent calls, with a fixed process id and its token", async () => {
    const { sandbox, calls, container } = newSandbox("once");
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        sandbox.call("/exec", { command: `echo call-${index}` }, execResultSchema),
      ),
    );
    expect(results.map((result) => result.stdout.trim())).toEqual([
      "call-0",
      "call-1",
      "call-2",
      "call-3",
      "call-4",
    ]);
    const starts = await calls("startProcess");
    expect(starts).toHaveLength(1);
    const [command, options] = (starts[0]?.args ?? []) as [
      string,
      { processId: string; env: string[] },
    ];
    expect(command).toContain("sandbox-runtime.mjs");
    expect(options.processId).toBe(RUNTIME_PROCESS_ID);
    expect(options.env).toEqual(
      expect.arrayContaining(["SANDBOX_RUNTIME_TOKEN", "SANDBOX_WORKSPACE"]),
    );
    expect((await calls("containerFetch")).every((call) => call.args[1] === RUNTIME_PORT)).toBe(
      true,
    );
    expect(await container.storedSleepAfter()).toBe("10m");
    await sandbox.destroy();
  });

  it("runs a shell call that carries a running turn's abort signal", async () => {
    const { sandbox } = newSandbox("signal");
    const turn = new AbortController();
    const result = await sandbox.call(
      "/exec",
      { command: "echo with-signal" },
      execResultSchema,
      turn.signal,
    );
    expect(result.stdout).toBe("with-signal\n");
    // Every other kind of call carries it too.
    await sandbox.call(
      "/files/write",
      { path: "a.txt", content: "x" },
      writeFileResultSchema,
      turn.signal,
    );
    await sandbox.destroy();
  });

  it("ends a long command at /stop: the call returns aborted and the command stops running", async () => {
    const { sandbox, userId } = newSandbox("stop");
    const turn = new AbortController();
    // A command that leaves a trace while it lives; its PID means nothing outside its namespace.
    const pending = sandbox.call(
      "/exec",
      { command: "while true; do date +%s%N > tick.txt; sleep 0.1; done" },
      execResultSchema,
      turn.signal,
    );
    await waitFor(
      () => sandboxHost.status(userId),
      (status) => status.inFlight.includes("/exec"),
      "the long command to be running",
    );
    const readTick = async () =>
      (await sandbox.call("/files/read", { path: "tick.txt" }, readFileResultSchema)).content;
    await waitFor(
      () => readTick().catch(() => ""),
      (tick) => tick !== "",
      "the command's first trace",
    );
    turn.abort(new Error("stopped by the user"));
    // The test's own timeout bounds this: without the cancel, the call would run forever.
    const outcome = await pending.then(
      () => "finished",
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(ComputerCallError);
    expect(outcome).toMatchObject({ code: "aborted" });
    // The runtime killed the command's process group and stays up for the next call.
    const after = await waitFor(
      () => sandboxHost.status(userId),
      (status) => !status.inFlight.includes("/exec"),
      "the command to end",
    );
    expect(after.running).toBe(true);
    const first = await readTick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await readTick()).toBe(first);
    await sandbox.destroy();
  });

  it("a call after the container went to sleep starts it again and restores the workspace", async () => {
    const { sandbox, workspace, container, calls } = newSandbox("sleep");
    await workspace.write("kept.txt", "from R2");
    sandbox.beginTurn();
    await sandbox.call(
      "/files/write",
      { path: "new.txt", content: "turn one" },
      writeFileResultSchema,
    );
    expect((await sandbox.endTurn()).synced.written).toBe(1);

    await container.goToSleep();
    expect((await sandbox.status()).state).toBe("sleeping");

    sandbox.beginTurn();
    const read = await sandbox.call("/files/read", { path: "new.txt" }, readFileResultSchema);
    expect(read.content).toBe("turn one");
    expect(
      (await sandbox.call("/files/read", { path: "kept.txt" }, readFileResultSchema)).content,
    ).toBe("from R2");
    // Nothing waited on a port nobody opens, and nothing of this turn was lost.
    expect((await calls("containerFetch")).filter((call) => call.status === "stopped")).toEqual([]);
    expect((await sandbox.endTurn()).interrupted).toBe(false);
    expect(await calls("startProcess")).toHaveLength(2);
    await sandbox.destroy();
  });

  it("replaces a runtime of another release with a fresh container of the current image", async () => {
    const { sandbox, container, calls, state } = newSandbox("version");
    // A container started before the deploy still runs the old image's runtime...
    await container.useImage("old");
    const oldToken = "0".repeat(64);
    await container.startRuntimeAsBefore(oldToken);
    state.save({ token: oldToken, marker: null, startedAt: 1, lastActivityAt: 1 });
    // ...and the deploy made the current image the one new containers get.
    await container.useImage("current");

    const result = await sandbox.call("/exec", { command: "echo new-runtime" }, execResultSchema);
    expect(result.stdout).toBe("new-runtime\n");
    expect(await calls("destroy")).toHaveLength(1);
    const health = await sandbox.call("/health", undefined, runtimeHealthSchema);
    expect(health.version).toBe(VERSION);
    expect(health.version).not.toBe(TEST_OLD_RUNTIME_VERSION);
    await sandbox.destroy();
  });

  it("keeps a fresh runtime that still reports another release instead of looping", async () => {
    const { sandbox, container, calls } = newSandbox("rollout");
    // The rollout has not reached this container yet: every start gets the old image.
    await container.useImage("old");
    const result = await sandbox.call(
      "/exec",
      { command: "echo old-but-working" },
      execResultSchema,
    );
    expect(result.stdout).toBe("old-but-working\n");
    // One replacement was tried, then the old runtime was used as it is.
    expect(await calls("destroy")).toHaveLength(1);
    expect(await calls("startProcess")).toHaveLength(2);
    await sandbox.destroy();
  });

  it("restarts a runtime that died and restores the workspace into it", async () => {
    const { sandbox, workspace, userId, calls } = newSandbox("restart");
    await workspace.write("kept.txt", "from R2");
    sandbox.beginTurn();
    await sandbox.call(
      "/files/write",
      { path: "new.txt", content: "turn one" },
      writeFileResultSchema,
    );
    const outcome = await sandbox.endTurn();
    expect(outcome.synced.written).toBe(1);
    expect(await workspace.readText("new.txt")).toBe("turn one");

    // The runtime dies in the middle of a turn that already changed files.
    sandbox.beginTurn();
    await sandbox.call("/files/write", { path: "lost.txt", content: "x" }, writeFileResultSchema);
    await sandboxHost.kill(userId);
    await expect(
      sandbox.call("/exec", { command: "true" }, execResultSchema),
    ).rejects.toBeInstanceOf(ComputerInterruptedError);
    const read = await sandbox.call("/files/read", { path: "new.txt" }, readFileResultSchema);
    expect(read.content).toBe("turn one");
    expect((await sandbox.endTurn()).interrupted).toBe(true);
    expect(await calls("startProcess")).toHaveLength(2);
    await sandbox.destroy();
  });

  it("reports a sleeping container without waking it", async () => {
    const { sandbox, userId, calls } = newSandbox("status");
    const status = await sandbox.status();
    expect(status).toMatchObject({ userId, state: "sleeping", startedAt: null });
    expect(await calls("getProcess")).toHaveLength(0);
    expect(await sandbox.processes()).toEqual([]);
    expect(await calls("startProcess")).toHaveLength(0);
  });

  it("restarts and destroys on request, keeping the files in the workspace store", async () => {
    const { sandbox, workspace, calls } = newSandbox("admin");
    sandbox.beginTurn();
    await sandbox.call("/exec", { command: "echo admin > a.txt" }, execResultSchema);
    await sandbox.restart();
    expect(await workspace.readText("a.txt")).toBe("admin\n");
    expect((await sandbox.status()).state).toBe("running");
    await sandbox.destroy();
    expect(await calls("destroy")).toHaveLength(1);
    expect((await sandbox.status()).state).toBe("sleeping");
    expect(await workspace.readText("a.txt")).toBe("admin\n");
  });
});

describe("a turn's command time", () => {
  it("is bounded: commands are cut at what is left, then refused with a clear reason", async () => {
    const { sandbox } = newSandbox("budget", { turnCommandBudgetMs: 2_500 });
    sandbox.beginTurn();
    const first = await sandbox.call(
      "/exec",
      { command: "sleep 1; echo first", timeoutMs: 60_000 },
      execResultSchema,
    );
    expect(first).toMatchObject({ stdout: "first\n", timedOut: false });
    // Cut at what is left of the turn's budget, not at the command's own 60 s.
    const second = await sandbox.call(
      "/exec",
      { command: "sleep 20", timeoutMs: 60_000 },
      execResultSchema,
    );
    expect(second.timedOut).toBe(true);
    const third = await sandbox
      .call("/exec", { command: "echo third" }, execResultSchema)
      .catch((error: unknown) => error);
    expect(third).toBeInstanceOf(ComputerCallError);
    expect(third).toMatchObject({ code: "turn_time_limit" });
    expect((third as Error).message).toMatch(/start_process/);
    // Files can still be read, and the next turn gets its time back.
    await sandbox.call("/files/write", { path: "a.txt", content: "x" }, writeFileResultSchema);
    await sandbox.endTurn();
    sandbox.beginTurn();
    const next = await sandbox.call("/exec", { command: "echo next" }, execResultSchema);
    expect(next.stdout).toBe("next\n");
    await sandbox.destroy();
  });
});
