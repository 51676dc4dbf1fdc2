import { tool } from "ai";
import { z } from "zod";
import { isValidTimeZone, localDate, zonedParts } from "../time/zoned-time";
import { toolError } from "../tools/tool-error";
import type { WorkspaceStore } from "../workspace/workspace-store";
import { writeTimeZone } from "./user-timezone";
import { DAILY_NOTES_DIR, dailyNotePath, isMemoryFile, WORKSPACE_FILES } from "./workspace-files";

export interface MemoryHit {
  /** A workspace path, or `session:<id>` for a past session's summary. */
  source: string;
  snippet: string;
}

export interface MemoryToolsContext {
  store: WorkspaceStore;
  now: () => number;
  timeZone: string;
  search: (query: string, limit: number) => Promise<MemoryHit[]>;
  /** Tells the search index a memory file changed, so the next search sees it. */
  onFileChanged?: (path: string) => Promise<void>;
  /** Removes the text from past session records too; returns the lines removed. */
  forgetInSessions?: (text: string) => Promise<number>;
}

const SEARCH_LIMIT = 8;

/** Appends one line to a memory file, creating it with a heading when new. */
export async function appendMemoryLine(
  store: WorkspaceStore,
  path: string,
  line: string,
  heading: string,
): Promise<void> {
  const existing = (await store.readText(path)) ?? `# ${heading}\n\n`;
  const separator = existing.endsWith("\n") ? "" : "\n";
  await store.write(path, `${existing}${separator}${line}\n`);
}

/** remember / search_memory / forget / set_timezone, for private chats only. */
export function createMemoryTools(context: MemoryToolsContext) {
  const { store } = context;
  const changed = async (path: string) => context.onFileChanged?.(path);
  return {
    remember: tool({
      description:
        "Save something to memory. 'long_term' (MEMORY.md) for lasting facts about the person; 'today' for today's note.",
      inputSchema: z.object({
        text: z.string().min(1).max(2000),
        where: z.enum(["long_term", "today"]).default("long_term"),
      }),
      execute: async ({ text, where }) => {
        const now = context.now();
        const day = localDate(now, context.timeZone);
        const line = `- ${text.replace(/\s*\n\s*/g, " ").trim()}`;
        if (where === "today") {
          const p = zonedParts(now, context.timeZone);
          const time = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
          const path = dailyNotePath(day);
          await appendMemoryLine(store, path, `- ${time} ${line.slice(2)}`, day);
          await changed(path);
          return { saved: path };
        }
        await appendMemoryLine(
          store,
          WORKSPACE_FILES.memory,
          `${line} (${day})`,
          "Long-term memory",
        );
        await changed(WORKSPACE_FILES.memory);
        return { saved: WORKSPACE_FILES.memory };
      },
    }),
    search_memory: tool({
      description:
        "Full-text search over MEMORY.md, daily notes and past session summaries. Use it before answering about the person's past.",
      inputSchema: z.object({ query: z.string().min(1).max(200) }),
      execute: async ({ query }) => {
        const hits = await context.search(query, SEARCH_LIMIT);
        return hits.length > 0 ? { hits } : { hits, note: "Nothing found." };
      },
    }),
    forget: tool({
      description:
        "Delete every memory line (MEMORY.md, daily notes, past session records) containing the text.",
      inputSchema: z.object({ text: z.string().min(3).max(200) }),
      execute: async ({ text }) => {
        const removed = await forgetLines(store, text);
        for (const path of new Set(removed.map((item) => item.path))) await changed(path);
        const pastSessionLines = (await context.forgetInSessions?.(text)) ?? 0;
        return { removed, pastSessionLines };
      },
    }),
    set_timezone: tool({
      description: "Set the person's IANA time zone (e.g. 'Europe/Paris') in USER.md.",
      inputSchema: z.object({ timeZone: z.string().min(1).max(64) }),
      execute: async ({ timeZone }) => {
        if (!isValidTimeZone(timeZone)) return toolError(`Unknown time zone "${timeZone}".`);
        const current = await store.readText(WORKSPACE_FILES.user);
        await store.write(WORKSPACE_FILES.user, writeTimeZone(current, timeZone));
        return { timeZone };
      },
    }),
  };
}

/** Removes lines containing `text` (case-insensitive) from every memory file. */
export async function forgetLines(
  store: WorkspaceStore,
  text: string,
): Promise<Array<{ path: string; line: string }>> {
  const needle = text.toLowerCase();
  const paths = [
    WORKSPACE_FILES.memory,
    ...(await store.list(DAILY_NOTES_DIR)).map((entry) => entry.path),
  ].filter(isMemoryFile);
  const removed: Array<{ path: string; line: string }> = [];
  for (const path of paths) {
    const content = await store.readText(path);
    if (content === null) continue;
    const lines = content.split("\n");
    const kept = lines.filter((line) => {
      const hit = !line.startsWith("#") && line.toLowerCase().includes(needle);
      if (hit) removed.push({ path, line: line.trim() });
      return !hit;
    });
    if (kept.length !== lines.length) await store.write(path, kept.join("\n"));
  }
  return removed;
}
