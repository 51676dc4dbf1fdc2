import {
  buildWorkspacePrompt,
  MemoryWorkspaceStore,
  type WorkspaceEntry,
  type WorkspaceStore,
} from "@molt/agent";
import { afterEach, describe, expect, it } from "vitest";
import { createMigratedAgentStorage } from "../testing/migrated-agent-storage";
import type { NodeDurableStorage } from "../testing/node-sql-storage";
import { CachedWorkspaceStore } from "./cached-workspace-store";

/** The backing store (R2 in the Worker), counting the calls that reach it. */
class CountingStore implements WorkspaceStore {
  readonly files = new MemoryWorkspaceStore();
  calls = 0;
  /** When set, the next readText waits for it: a read in flight while something else writes. */
  hold: Promise<void> | undefined;

  async readText(path: string) {
    this.calls++;
    const held = this.hold;
    this.hold = undefined;
    const text = await this.files.readText(path);
    await held;
    return text;
  }
  async readBytes(path: string) {
    this.calls++;
    return this.files.readBytes(path);
  }
  async write(path: string, content: string | Uint8Array) {
    this.calls++;
    await this.files.write(path, content);
  }
  async delete(path: string) {
    this.calls++;
    await this.files.delete(path);
  }
  async list(prefix?: string): Promise<WorkspaceEntry[]> {
    this.calls++;
    return this.files.list(prefix);
  }
}

const NOW = Date.parse("2026-11-25T10:00:00Z");

describe("CachedWorkspaceStore", () => {
  let storage: NodeDurableStorage;
  afterEach(() => storage.close());

  function setup() {
    storage = createMigratedAgentStorage();
    const backing = new CountingStore();
    return { backing, store: new CachedWorkspaceStore(backing, storage.sql) };
  }

  async function seed(backing: CountingStore) {
    await backing.files.write("SOUL.md", "# Soul\nCalm.");
    await backing.files.write("MEMORY.md", "# Long-term memory\n- likes tea");
    await backing.files.write(
      "skills/haiku/SKILL.md",
      "---\nname: haiku\ndescription: Write a haiku\n---\nbody",
    );
  }

  const prompt = (store: WorkspaceStore) =>
    buildWorkspacePrompt({ store, now: NOW, timeZone: "UTC", isGroup: false, dailyNotes: false });

  it("builds the second prompt without touching the backing store, missing files included", async () => {
    const { backing, store } = setup();
    await seed(backing);
    const first = await prompt(store);
    expect(backing.calls).toBeGreaterThan(0);
    backing.calls = 0;
    expect(await prompt(store)).toBe(first);
    expect(backing.calls).toBe(0);
    // The cache is the agent's SQLite: a new instance (the agent woke again) still has it.
    expect(await prompt(new CachedWorkspaceStore(backing, storage.sql))).toBe(first);
    expect(backing.calls).toBe(0);
  });

  it("shows a write, a delete and a new skill through the store at the next read", async () => {
    const { backing, store } = setup();
    await seed(backing);
    await prompt(store);
    await store.write("MEMORY.md", "# Long-term memory\n- likes coffee now");
    await store.write("skills/chess/SKILL.md", "---\nname: chess\ndescription: Play chess\n---\n");
    await store.delete("SOUL.md");
    backing.calls = 0;
    const next = await prompt(store);
    expect(next).toContain("likes coffee now");
    expect(next).toContain("- chess: Play chess");
    expect(next).not.toContain("Calm.");
    // Only the skills folder is listed again; the written files were kept as written.
    expect(backing.calls).toBe(1);
  });

  it("reads again what a writer outside the agent changed, once told", async () => {
    const { backing, store } = setup();
    await seed(backing);
    await prompt(store);
    await backing.files.write("MEMORY.md", "# Long-term memory\n- edited by the operator");
    expect(await prompt(store)).not.toContain("edited by the operator");
    store.forget(["MEMORY.md"]);
    expect(await prompt(store)).toContain("edited by the operator");
    await backing.files.write(
      "skills/chess/SKILL.md",
      "---\nname: chess\ndescription: Chess\n---\n",
    );
    store.forget("all");
    expect(await prompt(store)).toContain("- chess: Chess");
  });

  it("never puts back the old text a read fetched while the file was being written", async () => {
    const { backing, store } = setup();
    await seed(backing);
    let release = () => {};
    backing.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const staleRead = store.readText("MEMORY.md");
    await store.write("MEMORY.md", "# Long-term memory\n- newest");
    release();
    expect(await staleRead).toContain("likes tea");
    expect(await store.readText("MEMORY.md")).toContain("newest");
  });

  it("drops a copy that a listing shows was written past the agent since", async () => {
    storage = createMigratedAgentStorage();
    const backing = new CountingStore();
    // The copies are stamped an hour ago; the backing store's files are written now.
    const store = new CachedWorkspaceStore(backing, storage.sql, () => Date.now() - 3_600_000);
    await backing.files.write("memory/2026-11-25.md", "- old line");
    expect(await store.readText("memory/2026-11-25.md")).toBe("- old line");
    await backing.files.write("memory/2026-11-25.md", "- edited by hand");
    expect(await store.readText("memory/2026-11-25.md")).toBe("- old line");
    await store.list("memory/");
    expect(await store.readText("memory/2026-11-25.md")).toBe("- edited by hand");
  });

  it("passes other paths and listings straight through", async () => {
    const { backing, store } = setup();
    await backing.files.write("notes/todo.txt", "x");
    await store.readText("notes/todo.txt");
    await store.readText("notes/todo.txt");
    await store.list("");
    await store.list("");
    expect(backing.calls).toBe(4);
  });
});
