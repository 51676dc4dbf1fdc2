import { tool } from "ai";
import { z } from "zod";
import { toolError } from "../tools/tool-error";
import type { WorkspaceStore } from "../workspace/workspace-store";
import { loadSkills } from "./skill-files";
import { searchSkills } from "./skill-search";

/**
 * use_skill and search_skills: the prompt holds only a compact index of the skills; a skill's
 * full text is read when the model decides to use it, and search covers every skill, also
 * those the index could only count.
 */
export function createSkillTools(store: WorkspaceStore) {
  return {
    use_skill: tool({
      description: "Load a skill's full instructions by name (from the Skills list).",
      inputSchema: z.object({ name: z.string().min(1).max(100) }),
      execute: async ({ name }) => {
        const skills = await loadSkills(store);
        const skill = skills.find(
          (item) => item.name === name || item.path === `skills/${name}/SKILL.md`,
        );
        if (!skill) {
          const matches = searchSkills(skills, name).map((match) => match.name);
          const hint = matches.length > 0 ? `Similar: ${matches.join(", ")}.` : "";
          return toolError(
            `No skill "${name}". ${hint || `Known: ${skills.map((s) => s.name).join(", ") || "none"}.`}`,
          );
        }
        const folder = skill.path.slice(0, -"SKILL.md".length);
        return {
          name: skill.name,
          instructions: skill.body.trim(),
          files: `The skill's files are in /workspace/${folder}. Run its scripts with the shell tool in the sandbox.`,
        };
      },
    }),
    search_skills: tool({
      description: "Find skills by topic: names and full descriptions of the best matches.",
      inputSchema: z.object({ query: z.string().min(1).max(200) }),
      execute: async ({ query }) => {
        const skills = await loadSkills(store);
        if (skills.length === 0) return toolError("There are no skills in this workspace.");
        const matches = searchSkills(skills, query);
        if (matches.length > 0) return { skills: matches };
        return toolError(`No skill matches "${query}". Try other words.`);
      },
    }),
  };
}
