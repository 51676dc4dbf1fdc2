import type { ApprovalDecisionOutcome } from "./approval-desk";
import { approvalStatusText } from "./approval-question";

/** What the person who clicked is told, on every channel. */
export function describeApprovalOutcome(outcome: ApprovalDecisionOutcome): string {
  switch (outcome.outcome) {
    case "decided":
      return approvalStatusText(outcome.status);
    case "already_decided":
      return `Already answered: ${approvalStatusText(outcome.status)} Nothing changed.`;
    case "unknown":
      return "This question is not yours to answer, or it no longer exists.";
  }
}
