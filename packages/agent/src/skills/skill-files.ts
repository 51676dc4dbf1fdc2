import { parseDocument } from "yaml";
import { SKILLS_DIR } from "../memory/workspace-files";
import type { WorkspaceStore } from "../workspace/workspace-store";

export interface SkillSummary {
  name: string;
  description: string;
  path: string;
}

export interface ParsedSkill {
  /** The front matter as YAML reads it; empty when there is none or it does not parse. */
  attributes: Record<string, unknown>;
  body: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/**
 * Splits a SKILL.md into its YAML front matter and the body. Skills written for other agents
 * carry long front matter (block scalars, nested `metadata` maps), so it is read by a YAML
 * parser; front matter that does not parse counts as none rather than failing the skill.
 */
export function parseSkillFile(text: string): ParsedSkill {
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ""));
  if (!match) return { attributes: {}, body: text };
  const body = match[2] ?? "";
  const document = parseDocument(match[1] ?? "");
  if (document.errors.length > 0) return { attributes: {}, body };
  const attributes: unknown = document.toJS();
  if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) {
    return { attributes: {}, body };
  }
  return { attributes: attributes as Record<string, unknown>, body };
}

/** A skill as read from its file: what the index shows, and the body that search also reads. */
export interface LoadedSkill extends SkillSummary {
  body: string;
}

/** Every `skills/<name>/SKILL.md` with its body (the folder names a skill without a name). */
export async function loadSkills(store: WorkspaceStore): Promise<LoadedSkill[]> {
  const entries = await store.list(SKILLS_DIR);
  const skills: LoadedSkill[] = [];
  for (const entry of entries) {
    const match = /^skills\/([^/]+)\/SKILL\.md$/.exec(entry.path);
    if (!match?.[1]) continue;
    const { attributes, body } = parseSkillFile((await store.readText(entry.path)) ?? "");
    skills.push({
      name: oneLine(attributes.name) || match[1],
      description: oneLine(attributes.description) || "(no description)",
      path: entry.path,
      body,
    });
  }
  return skills;
}

/** Every skill with its name and description. */
export async function listSkills(store: WorkspaceStore): Promise<SkillSummary[]> {
  return (await loadSkills(store)).map(({ name, description, path }) => ({
    name,
    description,
    path,
  }));
}

/** A string attribute on one line (block scalars keep their line breaks); anything else: "". */
function oneLine(value: unknown): string {
  return typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
}
