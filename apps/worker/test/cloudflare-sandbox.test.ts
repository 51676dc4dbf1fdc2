import { env } from "cloudflare:test";
import { ComputerInterruptedError, MemoryWorkspaceStore } from "@molt/agent";
import { execResultSchema, readFileResultSchema, writeFileResultSchema } from "@molt/contracts";
import { describe, expect, it } from "vitest";
import {
  CloudflareSandboxBackend,
  openUserSandbox,
  RUNTIME_PORT,
  RUNTIME_PROCESS_ID,
} from "../src/sandbox/cloudflare-sandbox-backend";
import { ManagedSandbox, type SandboxState } from "../src/sandbox/managed-sandbox";
import { createFakeSandboxSdk } from "./support/fake-sandbox-sdk";

function newSandbox(label: string) {
  const userId = `cf-${label}-${crypto.randomUUID().slice(0, 8)}`;
  const sdk = createFakeSandboxSdk(userId);
  const workspace = new MemoryWorkspaceStore();
  let saved: SandboxState | undefined;
  const sandbox = new ManagedSandbox({
    userId,
    backend: new CloudflareSandboxBackend(sdk.stub),
    workspace,
    state: { load: () => saved, save: (state) => (saved = state) },
  });
  return { userId, sdk, workspace, sandbox };
}

describe("the Cloudflare sandbox adapter (against a fake of the SDK surface)", () => {
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

  it("starts the runtime once for concurrent calls, with a fixed process id and its token", async () => {
    const { sdk, sandbox } = newSandbox("once");
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
    const starts = sdk.named("startProcess");
    expect(starts).toHaveLength(1);
    const [command, options] = (starts[0]?.args ?? []) as [
      string,
      { processId: string; env: Record<string, string> },
    ];
    expect(command).toContain("sandbox-runtime.mjs");
    expect(options.processId).toBe(RUNTIME_PROCESS_ID);
    expect(options.env.SANDBOX_RUNTIME_TOKEN).toMatch(/^[0-9a-f]{64}$/);
    expect(options.env.SANDBOX_WORKSPACE).toBe("/workspace");
    expect(sdk.named("containerFetch").every((call) => call.args[1] === RUNTIME_PORT)).toBe(true);
    await sandbox.destroy();
  });

  it("restarts a runtime that died and restores the workspace into it", async () => {
    const { sdk, sandbox, workspace } = newSandbox("restart");
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

    await sdk.killContainer();
    sandbox.beginTurn();
    await expect(
      sandbox.call("/exec", { command: "true" }, execResultSchema),
    ).rejects.toBeInstanceOf(ComputerInterruptedError);
    const read = await sandbox.call("/files/read", { path: "new.txt" }, readFileResultSchema);
    expect(read.content).toBe("turn one");
    expect((await sandbox.endTurn()).interrupted).toBe(true);
    expect(sdk.named("startProcess")).toHaveLength(2);
    await sandbox.destroy();
  });

  it("reports a sleeping container without waking it", async () => {
    const { sdk, sandbox, userId } = newSandbox("status");
    const status = await sandbox.status();
    expect(status).toMatchObject({ userId, state: "sleeping", startedAt: null });
    expect(sdk.named("getProcess")).toHaveLength(0);
    expect(await sandbox.processes()).toEqual([]);
    expect(sdk.named("startProcess")).toHaveLength(0);
  });

  it("restarts and destroys on request, keeping the files in the workspace store", async () => {
    const { sdk, sandbox, workspace } = newSandbox("admin");
    sandbox.beginTurn();
    await sandbox.call("/exec", { command: "echo admin > a.txt" }, execResultSchema);
    await sandbox.restart();
    expect(await workspace.readText("a.txt")).toBe("admin\n");
    expect((await sandbox.status()).state).toBe("running");
    await sandbox.destroy();
    expect(sdk.named("destroy")).toHaveLength(1);
    expect((await sandbox.status()).state).toBe("sleeping");
    expect(await workspace.readText("a.txt")).toBe("admin\n");
  });
});
