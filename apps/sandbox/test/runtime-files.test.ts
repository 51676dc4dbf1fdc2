import { symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { decodeFileBundle, encodeFileBundle, FILE_BUNDLE_CONTENT_TYPE } from "@molt/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildBundles,
  makeTempDir,
  removeBundles,
  startTestRuntime,
  type TestRuntime,
} from "./runtime-harness";

let runtime: TestRuntime;
let outside: string;

beforeAll(async () => {
  await buildBundles();
  runtime = await startTestRuntime();
  outside = await makeTempDir("molt-outside-");
  await writeFile(path.join(outside, "secret.txt"), "outside secret");
}, 60_000);
afterAll(async () => {
  await runtime.close();
  await removeBundles();
});

describe("the sandbox runtime: files", () => {
  it("writes, reads line ranges and edits by exact replacement", async () => {
    const write = await runtime.call("/files/write", {
      path: "notes/a.txt",
      content: "one\ntwo\nthree\n",
    });
    expect(write.body).toEqual({ path: "notes/a.txt", bytes: 14 });
    const range = await runtime.call("/files/read", {
      path: "notes/a.txt",
      startLine: 2,
      endLine: 3,
    });
    expect(range.body).toMatchObject({ content: "two\nthree", totalLines: 3, startLine: 2 });
    const edit = await runtime.call("/files/edit", {
      path: "notes/a.txt",
      oldText: "two",
      newText: "2",
    });
    expect(edit.status).toBe(200);
    const after = await runtime.call("/files/read", { path: "/workspace/notes/a.txt" });
    expect(after.body.content).toBe("one\n2\nthree");
  });

  it("fails an edit clearly when the text is missing or not unique", async () => {
    await runtime.call("/files/write", { path: "dup.txt", content: "x\nx\n" });
    const missing = await runtime.call<{ error: { code: string; message: string } }>(
      "/files/edit",
      {
        path: "dup.txt",
        oldText: "y",
        newText: "z",
      },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain("not found");
    const twice = await runtime.call<{ error: { code: string; message: string } }>("/files/edit", {
      path: "dup.txt",
      oldText: "x",
      newText: "z",
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: "not_unique" });
    expect(twice.body.error.message).toContain("2 times");
  });

  it("writes binary content given as base64 and refuses to read it as text", async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 0, 10]);
    await runtime.call("/files/write", {
      path: "blob.bin",
      content: bytes.toString("base64"),
      encoding: "base64",
    });
    const read = await runtime.call("/files/read", { path: "blob.bin" });
    expect(read.status).toBe(400);
    const exported = await runtime.callBytes("/files/export", { paths: ["blob.bin"] });
    expect(exported.contentType).toBe(FILE_BUNDLE_CONTENT_TYPE);
    expect(Buffer.from(decodeFileBundle(exported.bytes).files[0]?.bytes ?? [])).toEqual(bytes);
  });

  it("lists directories and searches contents", async () => {
    await runtime.call("/files/write", { path: "src/main.py", content: "print('needle here')\n" });
    await runtime.call("/files/write", {
      path: "src/other.txt",
      content: "no match\nneedle too\n",
    });
    const list = await runtime.call<{ entries: { path: string; type: string }[] }>("/files/list", {
      path: "src",
    });
    expect(list.body.entries.map((entry) => entry.path)).toEqual(["src/main.py", "src/other.txt"]);
    const search = await runtime.call<{ matches: { path: string; line: number }[] }>(
      "/files/search",
      {
        pattern: "needle",
        path: "src",
      },
    );
    expect(search.body.matches).toEqual([
      expect.objectContaining({ path: "src/main.py", line: 1 }),
      expect.objectContaining({ path: "src/other.txt", line: 2 }),
    ]);
    const globbed = await runtime.call<{ matches: unknown[] }>("/files/search", {
      pattern: "needle",
      glob: "*.py",
    });
    expect(globbed.body.matches).toHaveLength(1);
  });

  it("refuses paths that leave the workspace: .., absolute and symlinks", async () => {
    await symlink(outside, path.join(runtime.workspace, "escape"));
    await symlink(path.join(outside, "secret.txt"), path.join(runtime.workspace, "leak.txt"));
    const attempts = [
      ["/files/read", { path: "../../etc/passwd" }],
      ["/files/read", { path: "/etc/passwd" }],
      ["/files/read", { path: "escape/secret.txt" }],
      ["/files/read", { path: "leak.txt" }],
      ["/files/write", { path: "escape/new.txt", content: "x" }],
      ["/files/list", { path: "escape" }],
      ["/exec", { command: "pwd", cwd: "../" }],
    ] as const;
    for (const [route, body] of attempts) {
      const answer = await runtime.call<{ error: { code: string } }>(route, body);
      expect({ route, body, status: answer.status }).toEqual({ route, body, status: 403 });
    }
    const evil = encodeFileBundle([{ path: "../evil.txt", bytes: new Uint8Array([120]) }]);
    expect((await runtime.callBytes("/files/import", evil)).status).toBe(403);
    const fromOutside = await runtime.call("/exec", { command: `ls ${outside}` });
    expect(fromOutside.body.stdout).not.toContain("new.txt");
  });

  it("reports changed and deleted files since a snapshot, leaving caches out", async () => {
    const { body: first } = await runtime.call<{ marker: string }>("/snapshots", {});
    await runtime.call("/exec", {
      command:
        "echo new > fresh.txt && rm dup.txt && mkdir -p node_modules/x && echo 1 > node_modules/x/i.js",
    });
    await runtime.call("/files/edit", { path: "notes/a.txt", oldText: "one", newText: "1" });
    const { body } = await runtime.call<{
      marker: string;
      changed: { path: string }[];
      deleted: string[];
    }>(`/changes?since=${first.marker}`);
    expect(body.changed.map((entry) => entry.path).sort()).toEqual(["fresh.txt", "notes/a.txt"]);
    expect(body.deleted).toEqual(["dup.txt"]);
    const { body: none } = await runtime.call<{ changed: unknown[] }>(
      `/changes?since=${body.marker}`,
    );
    expect(none.changed).toEqual([]);
    expect((await runtime.call("/changes?since=nope")).status).toBe(410);
  });

  it("imports a bundle of many files at once and exports them again", async () => {
    const files = Array.from({ length: 50 }, (_, index) => ({
      path: `bulk/dir${index % 5}/file${index}.txt`,
      bytes: new TextEncoder().encode(`content ${index}`),
    }));
    const imported = await runtime.callBytes("/files/import", encodeFileBundle(files));
    expect(JSON.parse(new TextDecoder().decode(imported.bytes))).toMatchObject({ written: 50 });
    const exported = await runtime.callBytes("/files/export", {
      paths: ["bulk/dir3/file3.txt", "bulk/none.txt"],
    });
    const bundle = decodeFileBundle(exported.bytes);
    expect(bundle.files.map((file) => [file.path, new TextDecoder().decode(file.bytes)])).toEqual([
      ["bulk/dir3/file3.txt", "content 3"],
    ]);
    expect(bundle.missing).toEqual(["bulk/none.txt"]);
  });

  it("refuses a malformed file bundle without writing anything", async () => {
    const good = encodeFileBundle([{ path: "cut.txt", bytes: new Uint8Array(100) }]);
    const cut = await runtime.callBytes("/files/import", good.subarray(0, good.byteLength - 10));
    expect(cut.status).toBe(400);
    expect((await runtime.callBytes("/files/import", new Uint8Array([0, 0, 0, 9, 1]))).status).toBe(
      400,
    );
    const { body } = await runtime.call("/exec", { command: "ls cut.txt 2>&1 || true" });
    expect(body.stdout).toContain("No such file");
  });
});
