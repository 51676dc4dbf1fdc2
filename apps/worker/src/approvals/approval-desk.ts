import {
  type PendingToolApproval,
  pendingToolApprovals,
  toolApprovalResponseMessage,
} from "@molt/agent";
import type { InboundMessage, ReplyAddress } from "@molt/contracts";
import type { ModelMessage, ToolSet } from "ai";
import { z } from "zod";
import type { AgentSettings } from "../agent/agent-settings";
import type { AgentStore } from "../agent/agent-store";
import { toolRiskOf } from "../agent/turn-tools";
import type { WorkerEnvValues } from "../config/worker-config";
import { logEvent } from "../observability/log-event";
import { APPROVAL_POLICIES, type ApprovalPolicy, DEFAULT_APPROVAL_POLICY } from "./approval-policy";
import {
  approvalQuestionText,
  approvalStatusText,
  denialReason,
  expiredApprovalText,
  summarizeToolCall,
} from "./approval-question";
import {
  type ApprovalChoice,
  type ApprovalRow,
  type ApprovalStatus,
  type ApprovalStore,
  statusOfChoice,
} from "./approval-store";
import { createToolApprovalGate, type ToolApprovalGate } from "./tool-approval-gate";

export const DEFAULT_APPROVAL_TIMEOUT_MINUTES = 30;
const POLICY_KEY = "approval_policy";
const policySchema = z.enum(APPROVAL_POLICIES);

export type ApprovalDecisionOutcome =
  | { outcome: "decided"; status: ApprovalStatus; toolName: string; summary: string }
  | { outcome: "already_decided"; status: ApprovalStatus; toolName: string; summary: string }
  | { outcome: "unknown" };

export interface ApprovalAuditEntry {
  actor: string;
  action: string;
  target: string;
  detail: string;
  at: number;
}

export interface ApprovalDeskOptions {
  userId: string;
  approvals: ApprovalStore;
  store: Pick<
    AgentStore,
    "enqueueApprovalQuestion" | "enqueueReply" | "setInboxStatus" | "getInbox"
  >;
  settings: AgentSettings;
  config(): WorkerEnvValues;
  /** An agents SDK schedule that calls `expireApproval` after `seconds`; returns its id. */
  scheduleExpiry(seconds: number, approvalId: string): Promise<string>;
  cancelSchedule(id: string): Promise<unknown>;
  /** Queues the paused message again, so the turn resumes with the answers. */
  queueInbox(inboxId: string): Promise<void>;
  audit(entry: ApprovalAuditEntry): Promise<void>;
}

/**
 * Tool-call approvals of one person's agent: the policy that decides which calls ask, the pause
 * of a turn whose call asks (its messages stored, the question in the outbox, a timeout
 * scheduled), the answer from any channel, and the messages a resumed turn continues from.
 * Nothing waits in memory: a restart between question and answer loses nothing.
 */
export class ApprovalDesk {
  constructor(private readonly options: ApprovalDeskOptions) {}

  /** The person's policy: the operator's override, else APPROVAL_POLICY, else `untrusted`. */
  policy(): ApprovalPolicy {
    return this.override() ?? this.options.config().APPROVAL_POLICY ?? DEFAULT_APPROVAL_POLICY;
  }

  override(): ApprovalPolicy | null {
    return this.options.settings.json(POLICY_KEY, policySchema) ?? null;
  }

  setOverride(policy: ApprovalPolicy | null): void {
    if (policy === null) this.options.settings.delete(POLICY_KEY);
    else this.options.settings.setJson(POLICY_KEY, policy);
  }

  timeoutMinutes(): number {
    return this.options.config().APPROVAL_TIMEOUT_MINUTES ?? DEFAULT_APPROVAL_TIMEOUT_MINUTES;
  }

  /** The AI SDK `toolApproval` for a turn in `sessionId` with these tools. */
  gate(sessionId: string, tools: ToolSet): ToolApprovalGate {
    return createToolApprovalGate({
      policy: this.policy(),
      riskOf: (name) => toolRiskOf(tools, name),
      isAllowedForConversation: (name) =>
        this.options.approvals.isAllowedForSession(sessionId, name),
    });
  }

  /**
   * The messages a paused turn resumes from once every question is answered: its stored
   * messages and one tool message with the answers. Undefined when the message never paused.
   */
  resumeFrom(inboxId: string): { sessionId: string; messages: ModelMessage[] } | undefined {
    const paused = this.options.approvals.pausedTurn(inboxId);
    if (!paused) return undefined;
    const rows = new Map(
      this.options.approvals.forInbox(inboxId).map((row) => [row.approvalId, row]),
    );
    const answers = pendingToolApprovals(paused.messages).map((request) => {
      const status = rows.get(request.approvalId)?.status ?? "denied";
      const approved = status === "allowed_once" || status === "allowed_conversation";
      return {
        approvalId: request.approvalId,
        approved,
        ...(approved ? {} : { reason: denialReason(status) }),
      };
    });
    if (answers.length === 0) return { sessionId: paused.sessionId, messages: paused.messages };
    return {
      sessionId: paused.sessionId,
      messages: [...paused.messages, toolApprovalResponseMessage(answers)],
    };
  }

  /** The resumed turn reached its answer: the stored messages are no longer needed. */
  finish(inboxId: string): void {
    this.options.approvals.finishPausedTurn(inboxId);
  }

  /**
   * Ends a turn that waits for answers: stores its messages, queues one question per call
   * (to `address`, so a Slack placeholder becomes the first question) and starts each timeout.
   */
  async pause(input: {
    message: InboundMessage;
    sessionId: string;
    messages: ModelMessage[];
    requests: PendingToolApproval[];
    address: ReplyAddress;
    now: number;
  }): Promise<void> {
    const { approvals, store } = this.options;
    const { message, now } = input;
    const timeoutMinutes = this.timeoutMinutes();
    approvals.pauseTurn(
      { inboxId: message.id, sessionId: input.sessionId, messages: input.messages },
      now,
    );
    store.setInboxStatus(message.id, "awaiting_approval", now);
    for (const [index, request] of input.requests.entries()) {
      const summary = summarizeToolCall(request.toolName, request.input);
      approvals.addRequest({
        approvalId: request.approvalId,
        inboxId: message.id,
        conversationKey: message.conversationKey,
        sessionId: input.sessionId,
        toolName: request.toolName,
        summary,
        reason: request.reason ?? null,
        createdAt: now,
        expiresAt: now + timeoutMinutes * 60_000,
      });
      const text = approvalQuestionText({
        toolName: request.toolName,
        summary,
        reason: request.reason,
        timeoutMinutes,
      });
      const address = index === 0 ? input.address : message.address;
      store.enqueueApprovalQuestion(
        message.id,
        message.conversationKey,
        address,
        text,
        request.approvalId,
        now,
      );
      const scheduleId = await this.options.scheduleExpiry(timeoutMinutes * 60, request.approvalId);
      approvals.setSchedule(request.approvalId, scheduleId);
    }
  }

  /**
   * A person's answer. Only the first answer counts; a later click (or one after the timeout)
   * changes nothing and says what happened. `conversationKey`, when given, must be the
   * question's own conversation.
   */
  async decide(input: {
    approvalId: string;
    choice: ApprovalChoice;
    actor: string;
    conversationKey?: string;
    now: number;
  }): Promise<ApprovalDecisionOutcome> {
    const row = this.options.approvals.get(input.approvalId);
    if (!row || (input.conversationKey && row.conversationKey !== input.conversationKey)) {
      return { outcome: "unknown" };
    }
    const status = statusOfChoice(input.choice);
    if (!this.options.approvals.settle(row.approvalId, status, input.actor, input.now)) {
      return this.alreadyDecided(row);
    }
    if (status === "allowed_conversation") {
      this.options.approvals.allowForSession(row.sessionId, row.toolName, input.now);
    }
    if (row.scheduleId) await this.options.cancelSchedule(row.scheduleId).catch(() => undefined);
    await this.settled(row, status, input.actor, input.now);
    return { outcome: "decided", status, toolName: row.toolName, summary: row.summary };
  }

  /**
   * /stop in a conversation whose turn waits for answers: its questions count as denied and the
   * turn ends stopped, without running again. Returns how many questions were open.
   */
  async stopConversation(conversationKey: string, actor: string, now: number): Promise<number> {
    const open = this.options.approvals
      .pending()
      .filter((row) => row.conversationKey === conversationKey);
    for (const row of open) {
      if (!this.options.approvals.settle(row.approvalId, "denied", actor, now)) continue;
      if (row.scheduleId) await this.options.cancelSchedule(row.scheduleId).catch(() => undefined);
      this.options.approvals.finishPausedTurn(row.inboxId);
      this.options.store.setInboxStatus(row.inboxId, "stopped", now);
      await this.options
        .audit({
          actor,
          action: "approval.denied",
          target: `user:${this.options.userId}`,
          detail: `${row.toolName} in ${row.conversationKey}: stopped with /stop`,
          at: now,
        })
        .catch(() => undefined);
    }
    return open.length;
  }

  /** Schedule callback: an unanswered question counts as denied, and the person is told. */
  async expire(approvalId: string, now: number): Promise<boolean> {
    const row = this.options.approvals.get(approvalId);
    if (!row || !this.options.approvals.settle(approvalId, "expired", "timeout", now)) {
      return false;
    }
    const inbox = this.options.store.getInbox(row.inboxId);
    if (inbox) {
      this.options.store.enqueueReply(
        row.inboxId,
        row.conversationKey,
        inbox.message.address,
        expiredApprovalText(row.toolName, Math.round((row.expiresAt - row.createdAt) / 60_000)),
        now,
      );
    }
    await this.settled(row, "expired", "timeout", now);
    return true;
  }

  private async settled(row: ApprovalRow, status: ApprovalStatus, actor: string, now: number) {
    logEvent("approval", {
      userId: this.options.userId,
      conversationId: row.conversationKey,
      inboxId: row.inboxId,
      tool: row.toolName,
      outcome: status,
      waitedMs: now - row.createdAt,
    });
    await this.options
      .audit({
        actor,
        action: `approval.${status}`,
        target: `user:${this.options.userId}`,
        detail: `${row.toolName} in ${row.conversationKey}: ${row.summary.slice(0, 200)}`,
        at: now,
      })
      .catch(() => undefined);
    const open = this.options.approvals
      .forInbox(row.inboxId)
      .some((other) => other.status === "pending");
    if (open) return;
    // Every question of the turn is answered: it runs again from its stored messages.
    this.options.store.setInboxStatus(row.inboxId, "queued", now);
    await this.options.queueInbox(row.inboxId);
  }

  private alreadyDecided(row: ApprovalRow): ApprovalDecisionOutcome {
    const current = this.options.approvals.get(row.approvalId) ?? row;
    return {
      outcome: "already_decided",
      status: current.status,
      toolName: row.toolName,
      summary: row.summary,
    };
  }

  /** The questions of a conversation still waiting for an answer. */
  openQuestionIds(conversationKey: string): string[] {
    return this.options.approvals
      .pending()
      .filter((row) => row.conversationKey === conversationKey)
      .map((row) => row.approvalId);
  }

  /** The web chat's view of a question: its id (for the buttons) and where it stands. */
  consoleView(approvalId: string): { id: string; status: ApprovalStatus; statusText: string } {
    const status = this.options.approvals.get(approvalId)?.status ?? "expired";
    return { id: approvalId, status, statusText: approvalStatusText(status) };
  }
}
