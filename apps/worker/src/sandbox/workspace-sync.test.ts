import { MemoryWorkspaceStore } from "@molt/agent";
import { execResultSchema, snapshotResultSchema } from "@molt/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { startSandboxHostProcess } from "./sandbox-host-process.test-support";
import { type RuntimeCall, syncChangesToStore } from "./workspace-sync";

// The write-back at the end of a turn, against the real runtime behind the local sandbox host:
// whatever a command leaves in the workspace, one file must never stop the others, nor the syncs
// of later turns.

let host: Awaited<ReturnType<typeof startSandboxHostProcess>>;
const token = `sync-test-token-${crypto.randomUUID()}`;

async function hostCall(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("x-sandbox-host-token", host.credential);
  return fetch(`${host.url}/sandboxes/sync-user${path}`, { ...init, headers });
}

const call: RuntimeCall = async <Schema extends z.ZodType>(
  path: string,
  body: unknown,
  schema: Schema,
) => {
  const response = await hostCall(`/runtime${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.headers.get("content-type")?.startsWith("application/json")) {
    const json = (await response.json()) as unknown;
    if (!response.ok)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return schema.parse(json);
  }
  const { decodeFileBundle } = await import("@molt/contracts");
  return schema.parse(decodeFileBundle(new Uint8Array(await response.arrayBuffer())));
};

async function run(command: string): Promise<void> {
  const result = await call("/exec", { command }, execResultSchema);
  expect(result.exitCode, result.stderr).toBe(0);
}

beforeAll(async () => {
  host = await startSandboxHostProcess();
  const started = await hostCall("/start", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  expect(started.status).toBe(200);
}, 60_000);
afterAll(() => host?.close());

describe("writing a turn's changes back", () => {
  it("saves the other files and later turns when a name cannot be stored, and says which", async () => {
    const store = new MemoryWorkspaceStore();
    let { marker } = await call("/snapshots", {}, snapshotResultSchema);
    const deep = Array.from({ length: 6 }, () => "d".repeat(200)).join("/");
    await run(
      [
        "printf x > 'back\\slash.txt'",
        "printf x > \"$(printf 'new\\nline.txt')\"",
        "printf x > \"$(printf 'bad\\377byte.txt')\"",
        `mkdir -p ${deep} && printf x > ${deep}/deep.txt`,
        "echo one > first.txt",
      ].join(" && "),
    );
    const first = await syncChangesToStore(store, call, marker);
    expect(await store.readText("first.txt")).toBe("one\n");
    expect(first.skipped.map((each) => each.reason).join("\n")).toMatch(/backslash/);
    expect(first.skipped.map((each) => each.reason)).toEqual([
      expect.stringMatching(/backslash/),
      expect.stringMatching(/not UTF-8/),
      expect.stringMatching(/control characters/),
      expect.stringMatching(/too long/),
    ]);
    marker = first.marker;

    await run("echo two > second.txt");
    const second = await syncChangesToStore(store, call, marker);
    expect(await store.readText("second.txt")).toBe("two\n");
    expect(second.skipped).toEqual([]);
  });

  it("skips a file over the per-file cap and everything while the workspace is over its cap", async () => {
    const store = new MemoryWorkspaceStore();
    const limits = { maxFileBytes: 64 * 1024, maxWorkspaceBytes: 512 * 1024 };
    let { marker } = await call("/snapshots", {}, snapshotResultSchema);
    await run("head -c 100000 /dev/zero > big.bin && echo small > small.txt");
    const first = await syncChangesToStore(store, call, marker, limits);
    expect(await store.readBytes("big.bin")).toBeNull();
    expect(await store.readText("small.txt")).toBe("small\n");
    expect(first.skipped).toEqual([
      { path: "big.bin", reason: expect.stringMatching(/over the 64 KB per-file limit/) },
    ]);
    marker = first.marker;

    await run(
      "for i in 1 2 3 4 5 6 7 8 9; do head -c 60000 /dev/zero > fill-$i.bin; done; echo late > late.txt",
    );
    const second = await syncChangesToStore(store, call, marker, limits);
    expect(await store.readText("late.txt")).toBeNull();
    expect(second.skipped.map((each) => each.reason).join("\n")).toMatch(
      /over the 512 KB workspace limit/,
    );
  });

  it("leaves .git and caches out deliberately", async () => {
    const store = new MemoryWorkspaceStore();
    const { marker } = await call("/snapshots", {}, snapshotResultSchema);
    await run(
      "mkdir -p repo/.git/objects repo/node_modules/x && echo ref > repo/.git/HEAD && echo 1 > repo/node_modules/x/i.js && echo code > repo/main.py",
    );
    await syncChangesToStore(store, call, marker);
    expect((await store.list()).map((entry) => entry.path)).toContain("repo/main.py");
    expect(await store.readText("repo/.git/HEAD")).toBeNull();
    expect(await store.readText("repo/node_modules/x/i.js")).toBeNull();
  });
});
