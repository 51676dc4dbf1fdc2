import type { ApprovalStatus } from "./approval-store";

/** What the person is shown of a call: enough to judge it, short enough to read on a phone. */
export const APPROVAL_SUMMARY_MAX_CHARS = 1500;

/** The part of a call that says what it will do: the command, the file, the address. */
export function summarizeToolCall(toolName: string, input: unknown): string {
  const fields = (typeof input === "object" && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  let summary: string;
  if (text(fields.command) !== undefined) {
    const cwd = text(fields.cwd);
    summary = `${cwd ? `(in ${cwd}) ` : ""}${text(fields.command)}`;
  } else if (text(fields.url) !== undefined) {
    summary = text(fields.url) as string;
  } else if (text(fields.path) !== undefined && toolName !== "read_file") {
    const content = text(fields.content) ?? text(fields.newText);
    summary = `${text(fields.path)}${content !== undefined ? `\n---\n${content}` : ""}`;
  } else {
    summary = JSON.stringify(input ?? {}, null, 1);
  }
  return truncate(summary, APPROVAL_SUMMARY_MAX_CHARS);
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 40);
  return `${head}\n… (${text.length - head.length} more characters not shown)`;
}

/**
 * The question as Markdown. The call's text goes in a fenced block with its backtick runs
 * broken, so nothing the model wrote (or a page made it write) can close the fence and pose as
 * the agent's own words, links or formatting.
 */
export function approvalQuestionText(request: {
  toolName: string;
  summary: string;
  reason?: string | null;
  timeoutMinutes: number;
}): string {
  const fenced = request.summary.replace(/`{3,}/g, (run) => run.split("").join("\u200b"));
  return [
    `Your agent wants to use **${request.toolName}**${request.reason ? ` (asking because ${request.reason})` : ""}:`,
    `\`\`\`\n${fenced}\n\`\`\``,
    `Allow it? Without an answer within ${request.timeoutMinutes} minutes it will not run.`,
  ].join("\n\n");
}

const STATUS_WORDS: Record<ApprovalStatus, string> = {
  pending: "Waiting for an answer.",
  allowed_once: "Allowed once.",
  allowed_conversation: "Allowed for this conversation.",
  denied: "Denied: it did not run.",
  expired: "Not answered in time: it did not run.",
};

export function approvalStatusText(status: ApprovalStatus): string {
  return STATUS_WORDS[status];
}

export function expiredApprovalText(toolName: string, timeoutMinutes: number): string {
  return `Nobody answered within ${timeoutMinutes} minutes, so **${toolName}** did not run.`;
}

/** What the model is told a refusal was; it says so in its answer. */
export function denialReason(status: ApprovalStatus): string {
  return status === "expired"
    ? "The person did not answer in time; the call did not run."
    : "The person denied this call; it did not run.";
}
