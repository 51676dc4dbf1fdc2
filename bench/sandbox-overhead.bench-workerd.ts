// Tool-call overhead and workspace restore, measured inside workerd through the same code the
// agent uses (ManagedSandbox + the local adapter) against the real runtime process.
import { env } from "cloudflare:test";
import { it } from "vitest";
import { LocalSandboxBackend } from "../apps/worker/src/sandbox/local-sandbox-backend";
import { ManagedSandbox, type SandboxState } from "../apps/worker/src/sandbox/managed-sandbox";
import { R2WorkspaceStore } from "../apps/worker/src/workspace/r2-workspace-store";
import { execResultSchema } from "../packages/contracts/src/index";

const CALLS = 300;
const FILES = 1_000;
const WORKSPACE_BYTES = 20 * 1024 * 1024;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function newSandbox(userId: string) {
  let saved: SandboxState | undefined;
  const workspace = new R2WorkspaceStore(env.WORKSPACES, userId);
  const sandbox = new ManagedSandbox({
    userId,
    backend: new LocalSandboxBackend(env.SANDBOX_LOCAL_URL, env.SANDBOX_LOCAL_TOKEN, userId),
    workspace,
    state: { load: () => saved, save: (state) => (saved = state) },
  });
  return { sandbox, workspace };
}

it("measures the overhead of a no-op tool call", async () => {
  const { sandbox } = newSandbox(`bench-noop-${Date.now()}`);
  await sandbox.ensureStarted();
  for (let i = 0; i < 20; i++) await sandbox.call("/exec", { command: "true" }, execResultSchema);
  const times: number[] = [];
  const inRuntime: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    const result = await sandbox.call("/exec", { command: "true" }, execResultSchema);
    times.push(performance.now() - started);
    inRuntime.push(result.durationMs);
  }
  times.sort((a, b) => a - b);
  inRuntime.sort((a, b) => a - b);
  console.log(
    `no-op tool call (${CALLS} calls, Worker -> host -> runtime -> bash -c true): p50 ${percentile(times, 50).toFixed(1)} ms, p90 ${percentile(times, 90).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms; of which spawning bash in the runtime p50 ${percentile(inRuntime, 50)} ms`,
  );
  await sandbox.destroy();
});

it("measures restoring a 1,000-file, 20 MB workspace", async () => {
  const userId = `bench-restore-${Date.now()}`;
  const { sandbox, workspace } = newSandbox(userId);
  const fileBytes = Math.floor(WORKSPACE_BYTES / FILES);
  const seed = crypto.getRandomValues(new Uint8Array(65_536));
  for (let i = 0; i < FILES; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, j) => {
        const content = new Uint8Array(fileBytes);
        for (let at = 0; at < fileBytes; at += seed.length)
          content.set(seed.subarray(0, fileBytes - at), at);
        content[0] = (i + j) % 256;
        return workspace.write(`project/dir${(i + j) % 20}/file${i + j}.bin`, content);
      }),
    );
  }
  const readStarted = performance.now();
  const listed = await workspace.list();
  for (let at = 0; at < listed.length; at += 16) {
    await Promise.all(listed.slice(at, at + 16).map((entry) => workspace.readBytes(entry.path)));
  }
  const readElapsed = performance.now() - readStarted;
  const started = performance.now();
  await sandbox.ensureStarted();
  const elapsed = performance.now() - started;
  const check = await sandbox.call(
    "/exec",
    { command: "find project -type f | wc -l && du -sb project | cut -f1" },
    execResultSchema,
  );
  const [count, bytes] = check.stdout.trim().split("\n");
  console.log(
    `restore (${count} files, ${(Number(bytes) / 1024 / 1024).toFixed(1)} MB from R2 into a fresh runtime, start included): ${elapsed.toFixed(0)} ms; listing and reading the same files from local R2 alone: ${readElapsed.toFixed(0)} ms`,
  );
  await sandbox.destroy();
});
