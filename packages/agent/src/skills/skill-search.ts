import type { LoadedSkill } from "./skill-files";

export const SKILL_SEARCH_MAX_RESULTS = 8;
const DESCRIPTION_MAX_CHARS = 400;

export interface SkillMatch {
  name: string;
  description: string;
}

/**
 * Skills ranked by how many of the query's words they contain: in the name (3 points), the
 * description (2) or the instructions (1); whole words, lowercased, in any script.
 */
export function searchSkills(skills: readonly LoadedSkill[], query: string): SkillMatch[] {
  const terms = [...new Set(words(query))];
  if (terms.length === 0) return [];
  const asked = query.trim().toLowerCase();
  return skills
    .map((skill) => {
      const name = new Set(words(skill.name));
      const description = new Set(words(skill.description));
      const body = new Set(words(skill.body));
      const score = terms.reduce(
        (sum, term) =>
          sum +
          (name.has(term) ? 3 : 0) +
          (description.has(term) ? 2 : 0) +
          (body.has(term) ? 1 : 0),
        // The skill named exactly what was asked comes first.
        skill.name.toLowerCase() === asked ? 100 : 0,
      );
      return { skill, score };
    })
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score || a.skill.name.localeCompare(b.skill.name))
    .slice(0, SKILL_SEARCH_MAX_RESULTS)
    .map(({ skill }) => ({
      name: skill.name,
      description:
        skill.description.length > DESCRIPTION_MAX_CHARS
          ? `${skill.description.slice(0, DESCRIPTION_MAX_CHARS - 1)}…`
          : skill.description,
    }));
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length > 1);
}
