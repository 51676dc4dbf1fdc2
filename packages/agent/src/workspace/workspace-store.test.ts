import { describe, expect, it } from "vitest";
import { MemoryWorkspaceStore, normalizeWorkspacePath } from "./workspace-store";

describe("normalizeWorkspacePath", () => {
  it("keeps clean relative paths and drops redundant parts", () => {
    expect(normalizeWorkspacePath("notes/today.md")).toBe("notes/today.md");
    expect(normalizeWorkspacePath("./notes//today.md")).toBe("notes/today.md");
    expect(normalizeWorkspacePath("/workspace/MEMORY.md")).toBe("MEMORY.md");
  });

  it.each(["../secret", "a/../../b", "/etc/passwd", "", "a\\b", "."])("refuses %j", (path) => {
    expect(() => normalizeWorkspacePath(path)).toThrow(/Invalid workspace path/);
  });
});

describe("MemoryWorkspaceStore", () => {
  it("writes, lists by prefix and deletes", async () => {
    const store = new MemoryWorkspaceStore();
    await store.write("memory/2026-11-25.md", "a note");
    await store.write("MEMORY.md", "facts");
    expect(await store.readText("MEMORY.md")).toBe("facts");
    expect((await store.list("memory/")).map((entry) => entry.path)).toEqual([
      "memory/2026-11-25.md",
    ]);
    await store.delete("MEMORY.md");
    expect(await store.readText("MEMORY.md")).toBeNull();
  });
});
