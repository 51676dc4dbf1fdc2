import type { ModelMessage } from "ai";

/** A tool call the model made that waits for a person's yes or no. */
export interface PendingToolApproval {
  approvalId: string;
  toolCallId: string;
  toolName: string;
  input: unknown;
  reason?: string;
}

/**
 * The approval requests among a turn's messages that no approval response answers yet: what a
 * turn that ended waiting is waiting for. Automatic ones (approved or denied by policy) never
 * wait.
 */
export function pendingToolApprovals(messages: readonly ModelMessage[]): PendingToolApproval[] {
  const calls = new Map<string, { toolName: string; input: unknown }>();
  const requests: PendingToolApproval[] = [];
  const answered = new Set<string>();
  for (const message of messages) {
    if (typeof message.content === "string") continue;
    for (const part of message.content) {
      if (part.type === "tool-call") {
        calls.set(part.toolCallId, { toolName: part.toolName, input: part.input });
      } else if (part.type === "tool-approval-request" && !part.isAutomatic) {
        const call = calls.get(part.toolCallId);
        if (!call) continue;
        requests.push({
          approvalId: part.approvalId,
          toolCallId: part.toolCallId,
          ...call,
          ...(part.reason ? { reason: part.reason } : {}),
        });
      } else if (part.type === "tool-approval-response") {
        answered.add(part.approvalId);
      }
    }
  }
  return requests.filter((request) => !answered.has(request.approvalId));
}

/** The tool message that answers approval requests; the next run executes or denies them. */
export function toolApprovalResponseMessage(
  answers: ReadonlyArray<{ approvalId: string; approved: boolean; reason?: string }>,
): ModelMessage {
  return {
    role: "tool",
    content: answers.map((answer) => ({
      type: "tool-approval-response" as const,
      approvalId: answer.approvalId,
      approved: answer.approved,
      ...(answer.reason ? { reason: answer.reason } : {}),
    })),
  };
}
