import { isInstructionFile } from "../export/instruction-changes";

/**
 * Which tool calls wait for the person's yes:
 * - `untrusted` (the default): an acting call (shell, process, network, file write, schedule)
 *   once content from outside (a web page, a received file, a tool result from outside) is in
 *   what the model sees; writes to instruction files and new recurring tasks, always;
 * - `always`: every acting call, whatever the model has read;
 * - `off`: nothing asks.
 */
export const APPROVAL_POLICIES = ["untrusted", "always", "off"] as const;
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = "untrusted";

/** What a tool does that a person may want to see first. */
export type ToolAct = "shell" | "process" | "network" | "file_write" | "schedule";

/**
 * A tool's declared risk, in the tool table (`tool-groups.ts`): whether its results bring
 * content from outside into the turn, and what it does. A tool that does neither declares `{}`.
 */
export interface ToolRisk {
  /** Its result is content from outside (a web page, a fetched or received file, an MCP result). */
  bringsUntrusted?: boolean;
  acts?: ToolAct;
  /** The workspace file a call writes, so writes to instruction files can always ask. */
  writesPath?(input: unknown): string | undefined;
  /** The command line a call runs: one that names an instruction file always asks. */
  commandLine?(input: unknown): string | undefined;
  /** True when a call creates something that repeats on its own (a recurring reminder or task). */
  createsRecurring?(input: unknown): boolean;
}

export interface ApprovalQuestion {
  toolName: string;
  input: unknown;
  risk: ToolRisk;
  policy: ApprovalPolicy;
  /** Content from outside is in the messages the model saw when it made this call. */
  untrustedInContext: boolean;
  /** The person chose "allow for this conversation" for this tool in this session. */
  allowedForConversation: boolean;
}

export type ApprovalDecision = { ask: false } | { ask: true; reason: string };

/** The policy's answer for one tool call: run it, or ask the person first (and why). */
export function decideApproval(question: ApprovalQuestion): ApprovalDecision {
  const { risk, policy } = question;
  if (policy === "off") return { ask: false };
  const path = risk.writesPath?.(question.input);
  // Steering files and repeating tasks outlive the turn: they always ask, even when allowed
  // before, so a page read later cannot quietly rewrite the agent's rules or plant a routine.
  if (path !== undefined && isInstructionFile(normalizeWorkspacePath(path))) {
    return { ask: true, reason: `it changes ${normalizeWorkspacePath(path)}, an instruction file` };
  }
  const named = instructionFileNamedIn(risk.commandLine?.(question.input));
  if (named !== undefined) {
    return { ask: true, reason: `the command names ${named}, an instruction file` };
  }
  if (risk.createsRecurring?.(question.input)) {
    return { ask: true, reason: "it creates a task that repeats on its own" };
  }
  if (!risk.acts || question.allowedForConversation) return { ask: false };
  if (policy === "always") return { ask: true, reason: "every such call asks first" };
  if (question.untrustedInContext) {
    return {
      ask: true,
      reason: "content from outside (a web page or file) is in this conversation",
    };
  }
  return { ask: false };
}

/**
 * A path as the workspace sees it: relative to /workspace, without `.` or `..` steps, so that
 * `./AGENTS.md`, `/workspace/AGENTS.md` and `notes/../AGENTS.md` all name AGENTS.md.
 */
export function normalizeWorkspacePath(path: string): string {
  const parts: string[] = [];
  const trimmed = path.trim().replace(/^\/workspace(?=\/|$)/, "");
  for (const part of trimmed.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/**
 * The first word of a command line that is an instruction file's path. Best effort: it catches
 * `echo … > AGENTS.md` or `cp x skills/a/SKILL.md`, not a name the command builds at run time.
 */
export function instructionFileNamedIn(commandLine: string | undefined): string | undefined {
  if (!commandLine) return undefined;
  for (const word of commandLine.split(/[\s;&|<>()'"`=,]+/)) {
    if (!word) continue;
    const path = normalizeWorkspacePath(word);
    if (path && isInstructionFile(path)) return path;
  }
  return undefined;
}
