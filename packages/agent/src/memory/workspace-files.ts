import type { WorkspaceStore } from "../workspace/workspace-store";

/** The workspace layout, the same as OpenClaw's so people can bring their files. */
export const WORKSPACE_FILES = {
  agents: "AGENTS.md",
  soul: "SOUL.md",
  user: "USER.md",
  memory: "MEMORY.md",
  heartbeat: "HEARTBEAT.md",
} as const;
export const DAILY_NOTES_DIR = "memory/";
export const SKILLS_DIR = "skills/";

export function dailyNotePath(day: string): string {
  return `${DAILY_NOTES_DIR}${day}.md`;
}

/** Memory files (long-term and daily notes): never shown in group chats. */
export function isMemoryFile(path: string): boolean {
  return (
    path === WORKSPACE_FILES.memory || (path.startsWith(DAILY_NOTES_DIR) && path.endsWith(".md"))
  );
}

export const WORKSPACE_TEMPLATES: Record<string, string> = {
  [WORKSPACE_FILES.agents]: `# Operating instructions

- Remember what matters with the remember tool: lasting facts to MEMORY.md, passing things to today's note.
- Before answering about the person's past or preferences, search memory.
- Ask before doing anything that cannot be undone.
`,
  [WORKSPACE_FILES.soul]: `# Soul

Warm, direct and brief. Plain words, no filler. Admit uncertainty.
`,
  [WORKSPACE_FILES.user]: `# About the person

Name:
Timezone: UTC
Preferences:
`,
  [WORKSPACE_FILES.memory]: `# Long-term memory

`,
  [WORKSPACE_FILES.heartbeat]: `# Heartbeat checklist

Checked periodically when the heartbeat is on. Leave it empty to stay quiet.
`,
};

/**
 * Writes every template whose file does not exist yet. Files the person brought are kept as
 * they are. Returns the paths written.
 */
export async function ensureWorkspaceTemplates(store: WorkspaceStore): Promise<string[]> {
  const written: string[] = [];
  for (const [path, content] of Object.entries(WORKSPACE_TEMPLATES)) {
    if ((await store.readText(path)) !== null) continue;
    await store.write(path, content);
    written.push(path);
  }
  return written;
}
