import { estimateTokens } from "../estimate-tokens";
import type { SkillSummary } from "./skill-files";

/** The longest line one skill gets in the index when every skill fits at that length. */
export const SKILL_INDEX_LINE_MAX_CHARS = 120;

/** Shorter and shorter descriptions until the index fits; 0 lists names only. */
const DESCRIPTION_CAPS = [SKILL_INDEX_LINE_MAX_CHARS, 80, 50, 30, 0];

/**
 * The skills as a compact index within `budgetTokens`: a line per skill with its description
 * cut to fit, or when even that is too long, the names alone; names that still do not fit are
 * counted and left to `search_skills`, which searches every skill. Nothing is cut silently:
 * whatever is not listed in full, the index says how to find.
 */
export function formatSkillIndex(skills: readonly SkillSummary[], budgetTokens: number): string {
  if (skills.length === 0) return "";
  for (const cap of DESCRIPTION_CAPS) {
    const text = cap > 0 ? describedLines(skills, cap) : namesLine(skills, skills.length);
    if (estimateTokens(text) <= budgetTokens) return text;
  }
  // Fewer names, until they fit with the count of the rest.
  for (let shown = skills.length - 1; shown >= 0; shown--) {
    const text = namesLine(skills, shown);
    if (estimateTokens(text) <= budgetTokens || shown === 0) return text;
  }
  return "";
}

function describedLines(skills: readonly SkillSummary[], cap: number): string {
  let shortened = false;
  const lines = skills.map(({ name, description }) => {
    const room = Math.max(0, cap - name.length - 4);
    if (description.length <= room) return `- ${name}: ${description}`;
    shortened = true;
    return `- ${name}: ${description.slice(0, Math.max(0, room - 1)).trimEnd()}…`;
  });
  if (shortened) lines.push("(Descriptions shortened: search_skills shows them in full.)");
  return lines.join("\n");
}

function namesLine(skills: readonly SkillSummary[], shown: number): string {
  const names = skills
    .slice(0, shown)
    .map((skill) => skill.name)
    .join(", ");
  const rest = skills.length - shown;
  const more = rest > 0 ? `${shown > 0 ? ", and " : ""}${rest} more` : "";
  return `${names}${more} (search_skills finds a skill by topic and shows what it does).`;
}
