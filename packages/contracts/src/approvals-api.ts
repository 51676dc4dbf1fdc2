import { z } from "zod";

/** Which tool calls wait for the person's yes (see docs/security.md, "Approvals"). */
export const approvalPolicySchema = z.enum(["untrusted", "always", "off"]);
export type ApprovalPolicyName = z.infer<typeof approvalPolicySchema>;

/** A person's answer to an approval question. */
export const approvalChoiceSchema = z.enum(["allow_once", "allow_conversation", "deny"]);
export type ApprovalChoiceName = z.infer<typeof approvalChoiceSchema>;

export const approvalStatusSchema = z.enum([
  "pending",
  "allowed_once",
  "allowed_conversation",
  "denied",
  "expired",
]);

/** `POST /api/chat/{userId}/approvals/{approvalId}`: the web chat's answer. */
export const approvalDecisionBodySchema = z.object({ choice: approvalChoiceSchema });

export const approvalDecisionResultSchema = z.object({
  outcome: z.enum(["decided", "already_decided", "unknown"]),
  status: approvalStatusSchema.optional(),
  /** What happened, in words the chat can show. */
  message: z.string(),
});
export type ApprovalDecisionResult = z.infer<typeof approvalDecisionResultSchema>;

/** `GET|PUT /api/users/{userId}/approvals`: the person's approval policy. */
export const personApprovalsSchema = z.object({
  /** The policy in force: the override, else APPROVAL_POLICY, else `untrusted`. */
  policy: approvalPolicySchema,
  /** The operator's choice for this person; null: the Worker's setting applies. */
  override: approvalPolicySchema.nullable(),
  timeoutMinutes: z.number().int(),
});
export type PersonApprovals = z.infer<typeof personApprovalsSchema>;

export const personApprovalsBodySchema = z.object({ policy: approvalPolicySchema.nullable() });

/** An approval question among the web chat's replies. */
export const consoleApprovalSchema = z.object({
  id: z.string(),
  status: approvalStatusSchema,
  statusText: z.string(),
});
