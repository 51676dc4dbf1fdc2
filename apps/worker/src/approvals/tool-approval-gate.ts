import type { ModelMessage, ToolApprovalStatus } from "ai";
import { type ApprovalPolicy, decideApproval, type ToolRisk } from "./approval-policy";
import { hasUntrustedContent } from "./untrusted-content";

export interface ToolApprovalGateOptions {
  policy: ApprovalPolicy;
  riskOf(toolName: string): ToolRisk;
  /** The person chose "allow for this conversation" for this tool in the current session. */
  isAllowedForConversation(toolName: string): boolean;
}

export type ToolApprovalGate = (options: {
  toolCall: { toolName: string; input: unknown };
  messages: ModelMessage[];
}) => ToolApprovalStatus;

/**
 * The AI SDK's `toolApproval` for a turn: asked before each tool call with the messages the
 * model saw, it answers `user-approval` (with the reason) when the policy wants a person's yes.
 */
export function createToolApprovalGate(options: ToolApprovalGateOptions): ToolApprovalGate {
  return ({ toolCall, messages }) => {
    const decision = decideApproval({
      toolName: toolCall.toolName,
      input: toolCall.input,
      risk: options.riskOf(toolCall.toolName),
      policy: options.policy,
      untrustedInContext: hasUntrustedContent(messages, options.riskOf),
      allowedForConversation: options.isAllowedForConversation(toolCall.toolName),
    });
    return decision.ask ? { type: "user-approval", reason: decision.reason } : "not-applicable";
  };
}
