import {
  type ApprovalDecisionResult,
  approvalDecisionBodySchema,
  CONSOLE_IDENTITY_PREFIX,
  type PersonApprovals,
  personApprovalsBodySchema,
} from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { describeApprovalOutcome } from "../approvals/approval-answer-text";
import { type AdminEnv, requireKnownUserAgent } from "./admin-env";
import { parseJsonBody, parseParam } from "./json-body";

const approvalIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid approval id");

/**
 * Approvals on the admin API: the person's policy (the operator's override of
 * APPROVAL_POLICY), and the web chat's answer to a question asked in the operator's own console
 * conversation.
 */
export const approvalRoutes = new Hono<AdminEnv>()
  .get("/users/:userId/approvals", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const body: PersonApprovals = await agent.approvalSettings();
    return c.json(body);
  })
  .put("/users/:userId/approvals", async (c) => {
    const { agent, userId } = await requireKnownUserAgent(c);
    const { policy } = await parseJsonBody(c, personApprovalsBodySchema);
    c.set("auditTarget", `user:${userId}`);
    const body: PersonApprovals = await agent.setApprovalPolicy(policy);
    return c.json(body);
  })
  .post("/chat/:userId/approvals/:approvalId", async (c) => {
    const { agent, userId } = await requireKnownUserAgent(c);
    const approvalId = parseParam(approvalIdSchema, c.req.param("approvalId"), "approval id");
    const { choice } = await parseJsonBody(c, approvalDecisionBodySchema);
    const identity = `${CONSOLE_IDENTITY_PREFIX}${c.get("adminEmail")}`;
    c.set("auditTarget", `user:${userId}`);
    // Only a question of this operator's own console conversation can be answered here.
    const outcome = await agent.decideApproval({
      approvalId,
      choice,
      actor: identity,
      conversationKey: identity,
    });
    const body: ApprovalDecisionResult = {
      outcome: outcome.outcome,
      ...(outcome.outcome === "unknown" ? {} : { status: outcome.status }),
      message: describeApprovalOutcome(outcome),
    };
    return c.json(body, outcome.outcome === "unknown" ? 404 : 200);
  });
