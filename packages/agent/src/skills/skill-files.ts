import { SKILLS_DIR } from "../memory/workspace-files";
import type { WorkspaceStore } from "../workspace/workspace-store";

export interface SkillSummary {
  name: string;
  description: string;
  path: string;
}

export interface ParsedSkill {
  attributes: Record<string, string>;
  body: string;
}

/**
 * Splits a SKILL.md into its front matter (`---` fenced `key: value` lines, the subset of YAML
 * skills use) and the body.
 */
export function parseSkillFile(text: string): ParsedSkill {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ""));
  if (!match) return { attributes: {}, body: text };
  const attributes: Record<string, string> = {};
  for (const line of (match[1] ?? "").split(/\r?\n/)) {
    const field = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!field?.[1]) continue;
    attributes[field[1]] = (field[2] ?? "").trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return { attributes, body: match[2] ?? "" };
}

/** Every `skills/<name>/SKILL.md` with its name and description (the folder names a skill without one). */
export async function listSkills(store: WorkspaceStore): Promise<SkillSummary[]> {
  const entries = await store.list(SKILLS_DIR);
  const skills: SkillSummary[] = [];
  for (const entry of entries) {
    const match = /^skills\/([^/]+)\/SKILL\.md$/.exec(entry.path);
    if (!match?.[1]) continue;
    const text = (await store.readText(entry.path)) ?? "";
    const { attributes } = parseSkillFile(text);
    skills.push({
      name: attributes.name || match[1],
      description: attributes.description || "(no description)",
      path: entry.path,
    });
  }
  return skills;
}
