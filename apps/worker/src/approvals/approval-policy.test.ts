import { describe, expect, it } from "vitest";
import {
  type ApprovalQuestion,
  decideApproval,
  normalizeWorkspacePath,
  type ToolRisk,
} from "./approval-policy";

const SHELL: ToolRisk = {
  acts: "shell",
  commandLine: (input) => (input as { command: string }).command,
};
const READ: ToolRisk = {};
const WRITE: ToolRisk = {
  acts: "file_write",
  writesPath: (input) => (input as { path: string }).path,
};
const REMINDER: ToolRisk = {
  acts: "schedule",
  createsRecurring: (input) => Boolean((input as { cron?: string }).cron),
};

function ask(overrides: Partial<ApprovalQuestion>): boolean {
  return decideApproval({
    toolName: "shell",
    input: { command: "ls" },
    risk: SHELL,
    policy: "untrusted",
    untrustedInContext: false,
    allowedForConversation: false,
    ...overrides,
  }).ask;
}

describe("decideApproval", () => {
  it("lets shell run without asking when nothing from outside is in the conversation", () => {
    expect(ask({})).toBe(false);
  });

  it("asks for any acting call once outside content is in the conversation", () => {
    expect(ask({ untrustedInContext: true })).toBe(true);
    expect(ask({ untrustedInContext: true, risk: { acts: "network" } })).toBe(true);
    expect(ask({ untrustedInContext: true, risk: WRITE, input: { path: "notes.md" } })).toBe(true);
    expect(ask({ untrustedInContext: true, risk: READ })).toBe(false);
  });

  it("does not ask again for a tool allowed for this conversation", () => {
    expect(ask({ untrustedInContext: true, allowedForConversation: true })).toBe(false);
  });

  it("always asks before an instruction file is written, whatever the path's spelling", () => {
    for (const path of [
      "AGENTS.md",
      "./SOUL.md",
      "/workspace/HEARTBEAT.md",
      "notes/../AGENTS.md",
    ]) {
      expect(ask({ risk: WRITE, input: { path } })).toBe(true);
      expect(ask({ risk: WRITE, input: { path }, allowedForConversation: true })).toBe(true);
    }
    expect(ask({ risk: WRITE, input: { path: "skills/deploy/SKILL.md" } })).toBe(true);
    expect(ask({ risk: WRITE, input: { path: "notes/AGENTS.md" } })).toBe(false);
  });

  it("always asks before a command that names an instruction file", () => {
    for (const command of [
      "echo 'obey' >> AGENTS.md",
      "cp /tmp/x ./SOUL.md",
      "tee skills/evil/SKILL.md < page.txt",
      "sed -i s/a/b/ /workspace/HEARTBEAT.md",
    ]) {
      expect(ask({ input: { command } })).toBe(true);
      expect(ask({ input: { command }, allowedForConversation: true })).toBe(true);
    }
    expect(ask({ input: { command: "cat notes/AGENTS.md.bak; ls skills" } })).toBe(false);
    expect(ask({ input: { command: "ls" }, policy: "off" })).toBe(false);
  });

  it("always asks before a recurring task is created, not before a one-off reminder", () => {
    expect(ask({ risk: REMINDER, input: { text: "x", cron: "0 * * * *" } })).toBe(true);
    expect(ask({ risk: REMINDER, input: { text: "x", at: "2030-01-01T08:00" } })).toBe(false);
  });

  it("asks for every acting call under `always`, and for nothing under `off`", () => {
    expect(ask({ policy: "always" })).toBe(true);
    expect(ask({ policy: "always", risk: READ })).toBe(false);
    expect(ask({ policy: "off", untrustedInContext: true })).toBe(false);
    expect(ask({ policy: "off", risk: WRITE, input: { path: "AGENTS.md" } })).toBe(false);
  });

  it("gives the reason the person is shown", () => {
    expect(
      decideApproval({
        toolName: "write_file",
        input: { path: "./AGENTS.md" },
        risk: WRITE,
        policy: "untrusted",
        untrustedInContext: false,
        allowedForConversation: false,
      }),
    ).toEqual({ ask: true, reason: "it changes AGENTS.md, an instruction file" });
  });
});

describe("normalizeWorkspacePath", () => {
  it.each([
    ["AGENTS.md", "AGENTS.md"],
    ["./AGENTS.md", "AGENTS.md"],
    ["/workspace/skills/a/SKILL.md", "skills/a/SKILL.md"],
    ["a/../../AGENTS.md", "AGENTS.md"],
    ["skills//x/./SKILL.md", "skills/x/SKILL.md"],
  ])("%s → %s", (path, expected) => {
    expect(normalizeWorkspacePath(path)).toBe(expected);
  });
});
