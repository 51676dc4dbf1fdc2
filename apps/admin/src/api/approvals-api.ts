import {
  type ApprovalChoiceName,
  type ApprovalDecisionResult,
  type ApprovalPolicyName,
  approvalDecisionResultSchema,
  type PersonApprovals,
  personApprovalsSchema,
} from "@molt/contracts";
import { requestJson } from "./request-json";

function approvalsPath(userId: string): string {
  return `/api/users/${encodeURIComponent(userId)}/approvals`;
}

export function getPersonApprovals(userId: string): Promise<PersonApprovals> {
  return requestJson(approvalsPath(userId), personApprovalsSchema);
}

/** The operator's policy for this person; null: the Worker's APPROVAL_POLICY applies. */
export function setPersonApprovals(
  userId: string,
  policy: ApprovalPolicyName | null,
): Promise<PersonApprovals> {
  return requestJson(approvalsPath(userId), personApprovalsSchema, {
    method: "PUT",
    body: { policy },
  });
}

/** Answers an approval question of the operator's own web chat conversation. */
export function answerApproval(
  userId: string,
  approvalId: string,
  choice: ApprovalChoiceName,
): Promise<ApprovalDecisionResult> {
  return requestJson(
    `/api/chat/${encodeURIComponent(userId)}/approvals/${encodeURIComponent(approvalId)}`,
    approvalDecisionResultSchema,
    { method: "POST", body: { choice } },
  );
}
