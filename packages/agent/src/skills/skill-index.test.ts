import { describe, expect, it } from "vitest";
import { estimateTokens } from "../estimate-tokens";
import { ensureWorkspaceTemplates } from "../memory/workspace-files";
import { buildWorkspacePrompt, WORKSPACE_PROMPT_BUDGET_TOKENS } from "../prompt/workspace-prompt";
import { MemoryWorkspaceStore } from "../workspace/workspace-store";
import { listSkills, loadSkills, parseSkillFile } from "./skill-files";
import { formatSkillIndex } from "./skill-index";
import { searchSkills } from "./skill-search";
import { createSkillTools } from "./skill-tools";

const NOW = Date.parse("2026-11-25T10:00:00Z");
const toolOptions = { toolCallId: "t", messages: [], context: {} };

const TOPICS = [
  ["github", "issues, pull requests and CI runs with the gh CLI"],
  ["weather", "forecasts and current conditions from wttr.in"],
  ["pdf-tools", "text and tables out of PDF files with pdftotext"],
  ["spotify", "playback control and playlists"],
  ["calendar", "events of the person's CalDAV calendars"],
] as const;

/**
 * A SKILL.md the way bundles written for other agents look: a folded multi-line description,
 * a nested metadata map in flow style spread over many lines, requirements and install steps.
 */
function skillFile(index: number): { name: string; text: string; topic: string } {
  const [base, topic] = TOPICS[index % TOPICS.length] ?? TOPICS[0];
  const name = `${base}-${String(index).padStart(2, "0")}`;
  const text = [
    "---",
    `name: ${name}`,
    // Half fold a long description over lines, half keep it on one quoted line.
    ...(index % 2 === 0
      ? [
          "description: >-",
          `  Use this skill for ${topic} (variant ${index}). It explains when to reach`,
          "  for it, which commands to run, how to read their output and what to do when",
          "  a command fails, with examples for the common cases and the rare ones too.",
        ]
      : [
          `description: "Use this skill for ${topic} (variant ${index}). It explains when to reach for it, which commands to run, how to read their output and what to do when a command fails, with examples for the common cases and the rare ones too."`,
        ]),
    `homepage: https://example.com/skills/${name}`,
    "metadata:",
    "  {",
    '    "openclaw":',
    "      {",
    `        "emoji": "🔧",`,
    `        "requires": { "bins": ["${base}-cli"], "env": ["${base.toUpperCase()}_TOKEN"] },`,
    '        "install":',
    "          [",
    `            { "id": "brew", "kind": "brew", "formula": "${base}", "label": "Install ${base} (brew)" },`,
    "          ],",
    "      },",
    "  }",
    "---",
    `# ${name}`,
    "",
    `Run \`scripts/${base}.sh\` with the arguments below. Unique phrase: zeppelin-${index}.`,
    "",
  ].join("\n");
  return { name, text, topic };
}

async function workspaceWithSkills(count: number) {
  const store = new MemoryWorkspaceStore();
  await ensureWorkspaceTemplates(store);
  const skills = Array.from({ length: count }, (_, index) => skillFile(index));
  for (const skill of skills) await store.write(`skills/${skill.name}/SKILL.md`, skill.text);
  return { store, skills };
}

function skillsSection(prompt: string): string {
  const start = prompt.indexOf("## Skills");
  const end = prompt.indexOf("\n## ", start + 1);
  return prompt.slice(start, end === -1 ? undefined : end);
}

describe("skills by need", () => {
  it("reads multi-line YAML front matter: folded descriptions, nested metadata", () => {
    const { text } = skillFile(6);
    const { attributes, body } = parseSkillFile(text);
    expect(attributes.name).toBe("weather-06");
    expect(attributes.description).toMatch(/^Use this skill for forecasts .* rare ones too\.$/);
    expect(attributes.metadata).toMatchObject({
      openclaw: { requires: { bins: ["weather-cli"] } },
    });
    expect(body.startsWith("# weather-06")).toBe(true);
    // Front matter that is not YAML counts as none, and the folder still names the skill.
    expect(parseSkillFile("---\nname: [unclosed\n---\nbody").attributes).toEqual({});
  });

  it("lists every one of fifty skills in the prompt, within the skills' share of the budget", async () => {
    const { store, skills } = await workspaceWithSkills(50);
    const prompt = await buildWorkspacePrompt({ store, now: NOW, timeZone: "UTC", isGroup: false });
    const section = skillsSection(prompt);
    for (const skill of skills) expect(section).toContain(skill.name);
    expect(estimateTokens(section)).toBeLessThanOrEqual(WORKSPACE_PROMPT_BUDGET_TOKENS * 0.15);
    expect(estimateTokens(prompt)).toBeLessThanOrEqual(WORKSPACE_PROMPT_BUDGET_TOKENS);
    expect(section).not.toContain("zeppelin");
  });

  it("finds every skill by its topic or name, also those the index could only count", async () => {
    const { store, skills } = await workspaceWithSkills(200);
    const listed = await listSkills(store);
    const index = formatSkillIndex(listed, 300);
    expect(estimateTokens(index)).toBeLessThanOrEqual(300);
    expect(index).toMatch(/\d+ more \(search_skills/);
    const loaded = await loadSkills(store);
    for (const skill of skills) expect(searchSkills(loaded, skill.name)[0]?.name).toBe(skill.name);
    const tools = createSkillTools(store);
    const shown = new Set(index.split(/[\s,(]+/));
    const last = skills.find((skill) => !shown.has(skill.name))?.name ?? "";
    expect(last).not.toBe("");
    const found = (await tools.search_skills.execute?.({ query: last }, toolOptions)) as {
      skills: { name: string }[];
    };
    expect(found.skills[0]?.name).toBe(last);
    const byTopic = (await tools.search_skills.execute?.(
      { query: "pull requests" },
      toolOptions,
    )) as { skills: { name: string; description: string }[] };
    expect(byTopic.skills.length).toBeGreaterThan(0);
    for (const match of byTopic.skills) expect(match.name).toMatch(/^github-/);
    const used = await tools.use_skill.execute?.({ name: "github-05" }, toolOptions);
    expect(JSON.stringify(used)).toContain("zeppelin-5");
  });

  it("shows short lists in full, one line per skill", () => {
    const index = formatSkillIndex(
      [{ name: "weather", description: "Forecasts via wttr", path: "skills/weather/SKILL.md" }],
      300,
    );
    expect(index).toBe("- weather: Forecasts via wttr");
  });
});
