import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { decodeFileBundle } from "@molt/contracts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildBundles, removeBundles, startTestRuntime, type TestRuntime } from "./runtime-harness";

// A runtime running as root does the file tools' work itself. The command user can swap a
// path between a plain file and a symbolic link to a root-only file while the runtime works on
// it: a runtime that checks the path and then opens it by name follows the swapped link. Only a
// root runtime has anything to gain from, so only then do these tests mean something.
const runsAsRoot = process.getuid?.() === 0;
/** Bounded: each test makes this many calls while the swapping process runs. */
const ATTEMPTS = 300;

const SECRET = `root-only-${crypto.randomUUID()}`;
let runtime: TestRuntime;
let outside = "";

beforeAll(async () => {
  await buildBundles();
  runtime = await startTestRuntime();
  outside = path.join(runtime.dir, "outside");
  await mkdir(outside);
  await chmod(outside, 0o755);
  await writeFile(path.join(outside, "secret.txt"), `${SECRET}\n`, { mode: 0o600 });
  await writeFile(path.join(outside, "keep.txt"), "untouched\n", { mode: 0o644 });
  await mkdir(path.join(outside, "private-dir"));
  await writeFile(path.join(outside, "private-dir", `${SECRET}.name`), "x");
}, 60_000);
afterEach(async () => {
  const { body } = await runtime.call<{ processes: { id: string; status: string }[] }>(
    "/processes",
  );
  for (const each of body.processes.filter((entry) => entry.status === "running")) {
    await runtime.call(`/processes/${each.id}/stop`, {});
  }
});
afterAll(async () => {
  await runtime.close();
  await removeBundles();
});

/** Starts a background command that flips `name` between a real entry and a link to `target`. */
async function startSwapping(name: string, real: string, target: string): Promise<void> {
  const loop = `while true; do rm -rf ${name}; ${real} ${name}; rm -rf ${name}; ln -s ${target} ${name}; done`;
  const { status } = await runtime.call("/processes", { command: loop });
  expect(status).toBe(200);
  // Wait until the flipping has begun.
  await expect
    .poll(async () => (await runtime.call("/files/list", { path: "." })).body.entries)
    .toEqual(expect.arrayContaining([expect.objectContaining({ path: name })]));
}

describe.runIf(runsAsRoot)("file tools racing a symlink swap", { timeout: 120_000 }, () => {
  it("never read a root-only file through read_file or an export", async () => {
    await startSwapping("swapped.txt", "echo harmless >", path.join(outside, "secret.txt"));
    let leaked = 0;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const read = await runtime.call("/files/read", { path: "swapped.txt" });
      if (JSON.stringify(read.body).includes(SECRET)) leaked++;
      const exported = await runtime.callBytes("/files/export", { paths: ["swapped.txt"] });
      if (exported.status === 200) {
        const { files } = decodeFileBundle(exported.bytes);
        if (files.some((file) => Buffer.from(file.bytes).toString().includes(SECRET))) leaked++;
      }
    }
    expect(leaked).toBe(0);
  });

  it("never write or chown a file outside the workspace through write_file", async () => {
    const keep = path.join(outside, "keep.txt");
    await startSwapping("written.txt", "echo harmless >", keep);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      await runtime.call("/files/write", { path: "written.txt", content: "overwritten\n" });
    }
    expect(await readFile(keep, "utf8")).toBe("untouched\n");
    expect((await stat(keep)).uid).toBe(0);
  });

  it("never list a directory outside the workspace through list_files or search_files", async () => {
    await startSwapping("swapped-dir", "mkdir -p", path.join(outside, "private-dir"));
    let leaked = 0;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const listed = await runtime.call("/files/list", { path: "swapped-dir" });
      if (JSON.stringify(listed.body).includes(SECRET)) leaked++;
      const searched = await runtime.call("/files/search", { pattern: "x", path: "swapped-dir" });
      if (JSON.stringify(searched.body).includes(SECRET)) leaked++;
    }
    expect(leaked).toBe(0);
  });
});
