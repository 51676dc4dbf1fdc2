import { describe, expect, it } from "vitest";
import { buildWorkspacePrompt } from "../prompt/workspace-prompt";
import { listSkills, parseSkillFile } from "../skills/skill-files";
import { createSkillTools } from "../skills/skill-tools";
import { MemoryWorkspaceStore } from "../workspace/workspace-store";
import { extractNoteLines, planCompaction } from "./compaction";
import { createMemoryTools } from "./memory-tools";
import { readTimeZone, writeTimeZone } from "./user-timezone";
import { ensureWorkspaceTemplates, WORKSPACE_TEMPLATES } from "./workspace-files";

const NOW = Date.parse("2026-11-25T10:00:00Z");
const toolOptions = { toolCallId: "t", messages: [], context: {} };

async function seededStore() {
  const store = new MemoryWorkspaceStore();
  await store.write("SOUL.md", "# Soul\nTalk like a pirate.");
  await ensureWorkspaceTemplates(store);
  return store;
}

describe("workspace files", () => {
  it("creates templates but keeps files the person brought", async () => {
    const store = await seededStore();
    expect(await store.readText("SOUL.md")).toBe("# Soul\nTalk like a pirate.");
    expect(await store.readText("USER.md")).toBe(WORKSPACE_TEMPLATES["USER.md"]);
    expect(await ensureWorkspaceTemplates(store)).toEqual([]);
  });

  it("reads and sets the time zone line of USER.md", () => {
    const user = WORKSPACE_TEMPLATES["USER.md"] ?? "";
    expect(readTimeZone(user)).toBe("UTC");
    const updated = writeTimeZone(user, "Asia/Tokyo");
    expect(readTimeZone(updated)).toBe("Asia/Tokyo");
    expect(readTimeZone("Timezone: Mars/Olympus")).toBe("UTC");
  });

  it("puts memory in private prompts only and cuts to the budget", async () => {
    const store = await seededStore();
    await store.write(
      "MEMORY.md",
      `# Long-term memory\n${"- filler fact\n".repeat(500)}- newest: likes tea\n`,
    );
    await store.write("memory/2026-11-25.md", "# 2026-11-25\n- 09:00 dentist at 3pm");
    const privatePrompt = await buildWorkspacePrompt({
      store,
      now: NOW,
      timeZone: "UTC",
      isGroup: false,
      budgetTokens: 600,
    });
    expect(privatePrompt).toContain("Talk like a pirate.");
    expect(privatePrompt).toContain("newest: likes tea");
    expect(privatePrompt).toContain("dentist at 3pm");
    expect(privatePrompt.length / 4).toBeLessThanOrEqual(600);
    const groupPrompt = await buildWorkspacePrompt({
      store,
      now: NOW,
      timeZone: "UTC",
      isGroup: true,
    });
    expect(groupPrompt).not.toContain("likes tea");
    expect(groupPrompt).not.toContain("dentist");
  });
});

describe("memory tools", () => {
  it("remembers, searches through the injected index and forgets", async () => {
    const store = await seededStore();
    const changed: string[] = [];
    const tools = createMemoryTools({
      store,
      now: () => NOW,
      timeZone: "Europe/Berlin",
      search: async (query) => [{ source: "MEMORY.md", snippet: query }],
      onFileChanged: async (path) => {
        changed.push(path);
      },
    });
    await tools.remember.execute?.(
      { text: "allergic to peanuts", where: "long_term" },
      toolOptions,
    );
    await tools.remember.execute?.({ text: "bought milk", where: "today" }, toolOptions);
    expect(await store.readText("MEMORY.md")).toContain("- allergic to peanuts (2026-11-25)");
    expect(await store.readText("memory/2026-11-25.md")).toContain("- 11:00 bought milk");
    expect(changed).toEqual(["MEMORY.md", "memory/2026-11-25.md"]);
    const forgot = await tools.forget.execute?.({ text: "PEANUTS" }, toolOptions);
    expect(forgot).toEqual({
      removed: [{ path: "MEMORY.md", line: "- allergic to peanuts (2026-11-25)" }],
      pastSessionLines: 0,
    });
    expect(await store.readText("MEMORY.md")).not.toContain("peanuts");
  });
});

describe("skills", () => {
  it("lists names and descriptions and loads the full text on use", async () => {
    const store = new MemoryWorkspaceStore();
    await store.write(
      "skills/weather/SKILL.md",
      '---\nname: weather\ndescription: "Forecasts via wttr"\n---\nRun `scripts/forecast.sh <city>`.\n',
    );
    expect(parseSkillFile("no front matter").attributes).toEqual({});
    expect(await listSkills(store)).toEqual([
      { name: "weather", description: "Forecasts via wttr", path: "skills/weather/SKILL.md" },
    ]);
    const prompt = await buildWorkspacePrompt({ store, now: NOW, timeZone: "UTC", isGroup: false });
    expect(prompt).toContain("- weather: Forecasts via wttr");
    expect(prompt).not.toContain("forecast.sh");
    const loaded = await createSkillTools(store).use_skill.execute?.(
      { name: "weather" },
      toolOptions,
    );
    expect(JSON.stringify(loaded)).toContain("scripts/forecast.sh");
    expect(JSON.stringify(loaded)).toContain("shell tool");
  });
});

describe("compaction", () => {
  it("keeps the newest exchange and saves what the person said", () => {
    const history = [
      { role: "user" as const, content: "my cat is called Miso" },
      { role: "assistant" as const, content: "x".repeat(400) },
      { role: "user" as const, content: "hi" },
      { role: "assistant" as const, content: "hello" },
    ];
    const plan = planCompaction(history, 20);
    expect(plan.recent).toEqual(history.slice(2));
    expect(extractNoteLines(plan.older)).toEqual(["- said: my cat is called Miso"]);
  });
});
