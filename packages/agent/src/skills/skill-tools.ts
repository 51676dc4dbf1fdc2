import { tool } from "ai";
import { z } from "zod";
import { toolError } from "../tools/tool-error";
import type { WorkspaceStore } from "../workspace/workspace-store";
import { listSkills, parseSkillFile } from "./skill-files";

/** use_skill: a skill's full text is read only when the model decides to use it. */
export function createSkillTools(store: WorkspaceStore) {
  return {
    use_skill: tool({
      description: "Load a skill's full instructions by name (from the Skills list).",
      inputSchema: z.object({ name: z.string().min(1).max(100) }),
      execute: async ({ name }) => {
        const skills = await listSkills(store);
        const skill = skills.find(
          (item) => item.name === name || item.path === `skills/${name}/SKILL.md`,
        );
        if (!skill)
          return toolError(
            `No skill "${name}". Known: ${skills.map((s) => s.name).join(", ") || "none"}.`,
          );
        const text = (await store.readText(skill.path)) ?? "";
        const folder = skill.path.slice(0, -"SKILL.md".length);
        return {
          name: skill.name,
          instructions: parseSkillFile(text).body.trim(),
          files: `The skill's files are in /workspace/${folder}. Run its scripts with the shell tool in the sandbox.`,
        };
      },
    }),
  };
}
