import { estimateTokens } from "../estimate-tokens";
import { dailyNotePath, WORKSPACE_FILES } from "../memory/workspace-files";
import { listSkills } from "../skills/skill-files";
import { formatSkillIndex } from "../skills/skill-index";
import { localDate } from "../time/zoned-time";
import type { WorkspaceStore } from "../workspace/workspace-store";

/** Workspace text in the system prompt is cut to this many estimated tokens by default. */
export const WORKSPACE_PROMPT_BUDGET_TOKENS = 2_000;
const DAY_MS = 86_400_000;

export interface WorkspacePromptInput {
  store: WorkspaceStore;
  now: number;
  timeZone: string;
  /** Group chats never see MEMORY.md or daily notes. */
  isGroup: boolean;
  budgetTokens?: number;
  /**
   * false leaves today's and yesterday's notes out (they change during the day, so the turn
   * context carries them: `buildDailyNotesPrompt`) and keeps these sections stable.
   */
  dailyNotes?: boolean;
}

interface Section {
  title: string;
  text: string;
  /** Which end survives a cut: appended memory keeps its newest lines. */
  keep: "head" | "tail";
  /** At most this share of the whole budget, so one big file cannot crowd out the rest. */
  maxShare: number;
  /** Fits the section to a budget itself, instead of cutting `text` at one end. */
  fit?: (budgetTokens: number) => string;
}

/**
 * The person's workspace files as system-prompt sections, most important first, each cut to what
 * is left of the token budget. Skills appear as a list of names and descriptions only.
 */
export async function buildWorkspacePrompt(input: WorkspacePromptInput): Promise<string> {
  const sections = await collectSections(input);
  const budget = input.budgetTokens ?? WORKSPACE_PROMPT_BUDGET_TOKENS;
  let remaining = budget;
  const parts: string[] = [];
  for (const section of sections) {
    const body = section.text.trim();
    if (!body || remaining <= 20) continue;
    const header = `## ${section.title}\n`;
    const available = Math.min(remaining, budget * section.maxShare) - estimateTokens(header);
    const fitted = section.fit
      ? section.fit(available)
      : fitToTokens(body, available, section.keep);
    parts.push(header + fitted);
    // One more for the blank line that joins sections.
    remaining -= estimateTokens(header + fitted) + 1;
  }
  return parts.join("\n\n");
}

async function collectSections(input: WorkspacePromptInput): Promise<Section[]> {
  const { store } = input;
  const read = async (path: string) => (await store.readText(path)) ?? "";
  const file = async (title: string, path: string, keep: Section["keep"], maxShare: number) => ({
    title,
    text: await read(path),
    keep,
    maxShare,
  });
  const sections: Section[] = [
    await file("SOUL.md (your persona)", WORKSPACE_FILES.soul, "head", 0.2),
    await file("AGENTS.md (your instructions)", WORKSPACE_FILES.agents, "head", 0.2),
    await file("USER.md (the person)", WORKSPACE_FILES.user, "head", 0.15),
  ];
  if (!input.isGroup) {
    const today = localDate(input.now, input.timeZone);
    const yesterday = localDate(input.now - DAY_MS, input.timeZone);
    if (input.dailyNotes !== false) {
      sections.push(
        await file(`memory/${today}.md (today's note)`, dailyNotePath(today), "tail", 0.2),
        await file(
          `memory/${yesterday}.md (yesterday's note)`,
          dailyNotePath(yesterday),
          "tail",
          0.1,
        ),
      );
    }
    sections.push(
      // Long-term memory takes whatever is left: its newest lines are kept.
      await file("MEMORY.md (long-term memory)", WORKSPACE_FILES.memory, "tail", 1),
    );
  }
  const skills = await listSkills(store);
  if (skills.length > 0) {
    // An index of every skill, however many: descriptions shorten before any skill is dropped.
    sections.splice(3, 0, {
      title: "Skills (load one with use_skill before such a task; search_skills searches them)",
      text: skills.map((skill) => skill.name).join("\n"),
      keep: "head",
      maxShare: 0.15,
      fit: (budgetTokens) => formatSkillIndex(skills, budgetTokens),
    });
  }
  return sections;
}

const CUT_MARK = "[…cut to fit; search_memory finds the rest]";

export function fitToTokens(text: string, budgetTokens: number, keep: "head" | "tail"): string {
  if (estimateTokens(text) <= budgetTokens) return text;
  const chars = Math.max(0, budgetTokens * 4 - CUT_MARK.length - 2);
  return keep === "head"
    ? `${text.slice(0, chars)}\n${CUT_MARK}`
    : `${CUT_MARK}\n${text.slice(-chars)}`;
}
