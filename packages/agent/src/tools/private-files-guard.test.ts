import { describe, expect, it } from "vitest";
import type { ComputerClient } from "./computer-client";
import { createGroupFileTools } from "./computer-tools";
import { canonicalWorkspacePath, isPrivateMemoryPath } from "./private-files-guard";

describe("isPrivateMemoryPath", () => {
  it.each([
    "MEMORY.md",
    "./MEMORY.md",
    "/workspace/MEMORY.md",
    "notes/../MEMORY.md",
    "memory.md",
    "memory",
    "memory/",
    "memory/2026-01-02.md",
    "./memory//2026-01-02.md",
    "Memory/2026-01-02.md",
    "memory\\2026-01-02.md",
    "../memory/x.md",
  ])("%s is private", (path) => {
    expect(isPrivateMemoryPath(path)).toBe(true);
  });

  it.each(["notes/MEMORY.md.bak", "memories/x.md", "AGENTS.md", ".", "notes/memory.txt"])(
    "%s is not",
    (path) => {
      expect(isPrivateMemoryPath(path)).toBe(false);
    },
  );

  it("resolves the path the way the workspace does", () => {
    expect(canonicalWorkspacePath("/workspace/./a//b/../C.md")).toBe("a/c.md");
  });
});

describe("the file tools of a group turn", () => {
  const entries = [
    { path: "MEMORY.md", type: "file" as const, size: 10 },
    { path: "memory", type: "directory" as const, size: 0 },
    { path: "memory/2026-01-02.md", type: "file" as const, size: 5 },
    { path: "notes/a.md", type: "file" as const, size: 3 },
  ];
  const reached: string[] = [];
  const client = {
    readFile: async (request: { path: string }) => {
      reached.push(request.path);
      return { path: request.path, content: "x", totalLines: 1, truncated: false };
    },
    listFiles: async () => ({ entries, truncated: false }),
    searchFiles: async () => ({
      matches: [
        { path: "MEMORY.md", line: 1, text: "secret" },
        { path: "notes/a.md", line: 1, text: "secret" },
      ],
      truncated: false,
      engine: "builtin" as const,
    }),
  } as unknown as ComputerClient;
  const tools = createGroupFileTools(client);
  const options = { toolCallId: "c", messages: [], context: {} };

  it("refuse the memory files and leave them out of listings and searches", async () => {
    expect(await tools.read_file.execute?.({ path: "./MEMORY.md" }, options)).toMatchObject({
      error: expect.stringContaining("group chat"),
    });
    expect(reached).toEqual([]);
    expect(await tools.read_file.execute?.({ path: "notes/a.md" }, options)).toMatchObject({
      content: "x",
    });
    const listed = await tools.list_files.execute?.({ recursive: true }, options);
    expect(listed).toEqual({ entries: [entries[3]], truncated: false });
    const found = await tools.search_files.execute?.({ pattern: "secret" }, options);
    expect(found).toMatchObject({ matches: [{ path: "notes/a.md" }] });
  });
});
