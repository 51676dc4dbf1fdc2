import { estimateTokens } from "../estimate-tokens";
import { dailyNotePath } from "../memory/workspace-files";
import { localDate } from "../time/zoned-time";
import type { WorkspaceStore } from "../workspace/workspace-store";
import { fitToTokens, WORKSPACE_PROMPT_BUDGET_TOKENS } from "./workspace-prompt";

const DAY_MS = 86_400_000;
/** Shares of the workspace budget the notes had when they were part of the workspace sections. */
const TODAY_SHARE = 0.2;
const YESTERDAY_SHARE = 0.1;

export interface DailyNotesPromptInput {
  store: WorkspaceStore;
  now: number;
  timeZone: string;
  /** Group chats never see daily notes. */
  isGroup: boolean;
  budgetTokens?: number;
}

/**
 * Today's and yesterday's notes, newest lines kept, for the turn context: they change during the
 * day (every `remember` of a passing thing, every compaction), so they stay out of the stable
 * system prompt and each is budgeted on its own, never squeezing long-term memory.
 */
export async function buildDailyNotesPrompt(input: DailyNotesPromptInput): Promise<string> {
  if (input.isGroup) return "";
  const budget = input.budgetTokens ?? WORKSPACE_PROMPT_BUDGET_TOKENS;
  const today = localDate(input.now, input.timeZone);
  const yesterday = localDate(input.now - DAY_MS, input.timeZone);
  const notes = [
    { title: `memory/${today}.md (today's note)`, day: today, share: TODAY_SHARE },
    { title: `memory/${yesterday}.md (yesterday's note)`, day: yesterday, share: YESTERDAY_SHARE },
  ];
  const parts: string[] = [];
  for (const note of notes) {
    const body = ((await input.store.readText(dailyNotePath(note.day))) ?? "").trim();
    if (!body) continue;
    const header = `## ${note.title}\n`;
    parts.push(header + fitToTokens(body, budget * note.share - estimateTokens(header), "tail"));
  }
  return parts.join("\n\n");
}
