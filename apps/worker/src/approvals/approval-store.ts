import { type ModelMessage, modelMessageSchema } from "ai";
import { z } from "zod";

export const APPROVAL_CHOICES = ["allow_once", "allow_conversation", "deny"] as const;
export type ApprovalChoice = (typeof APPROVAL_CHOICES)[number];

export type ApprovalStatus =
  | "pending"
  | "allowed_once"
  | "allowed_conversation"
  | "denied"
  | "expired";

export interface ApprovalRow {
  approvalId: string;
  inboxId: string;
  conversationKey: string;
  sessionId: string;
  toolName: string;
  /** What will run, as the person is shown it. */
  summary: string;
  reason: string | null;
  status: ApprovalStatus;
  decidedBy: string | null;
  createdAt: number;
  expiresAt: number;
  scheduleId: string | null;
}

export interface PausedTurn {
  inboxId: string;
  sessionId: string;
  /** The turn's messages so far: its user message first, the approval requests last. */
  messages: ModelMessage[];
}

const STATUS_OF_CHOICE: Record<ApprovalChoice, ApprovalStatus> = {
  allow_once: "allowed_once",
  allow_conversation: "allowed_conversation",
  deny: "denied",
};

export function statusOfChoice(choice: ApprovalChoice): ApprovalStatus {
  return STATUS_OF_CHOICE[choice];
}

const messagesSchema = z.array(modelMessageSchema);

/**
 * Tool-call approvals in the agent's SQLite: the questions and their answers, the turns paused
 * on them (so a restart loses nothing while a person thinks), and the tools a person allowed for
 * a session. The only writer of `approvals`, `paused_turns` and `approval_allowances`.
 */
export class ApprovalStore {
  constructor(private readonly sql: SqlStorage) {}

  pauseTurn(turn: PausedTurn, now: number): void {
    this.sql.exec(
      `INSERT INTO paused_turns (inbox_id, session_id, messages_json, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(inbox_id) DO UPDATE SET session_id = excluded.session_id,
         messages_json = excluded.messages_json, created_at = excluded.created_at`,
      turn.inboxId,
      turn.sessionId,
      JSON.stringify(turn.messages),
      now,
    );
  }

  pausedTurn(inboxId: string): PausedTurn | undefined {
    const row = this.sql
      .exec<{ session_id: string; messages_json: string }>(
        "SELECT session_id, messages_json FROM paused_turns WHERE inbox_id = ?",
        inboxId,
      )
      .toArray()[0];
    if (!row) return undefined;
    const messages = messagesSchema.safeParse(JSON.parse(row.messages_json));
    return messages.success
      ? { inboxId, sessionId: row.session_id, messages: messages.data }
      : undefined;
  }

  finishPausedTurn(inboxId: string): void {
    this.sql.exec("DELETE FROM paused_turns WHERE inbox_id = ?", inboxId);
  }

  addRequest(row: Omit<ApprovalRow, "status" | "decidedBy" | "scheduleId">): void {
    this.sql.exec(
      `INSERT OR IGNORE INTO approvals (approval_id, inbox_id, conversation_key, session_id,
         tool_name, summary, reason, status, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      row.approvalId,
      row.inboxId,
      row.conversationKey,
      row.sessionId,
      row.toolName,
      row.summary,
      row.reason,
      row.createdAt,
      row.expiresAt,
    );
  }

  setSchedule(approvalId: string, scheduleId: string): void {
    this.sql.exec(
      "UPDATE approvals SET schedule_id = ? WHERE approval_id = ?",
      scheduleId,
      approvalId,
    );
  }

  get(approvalId: string): ApprovalRow | undefined {
    return this.select("WHERE approval_id = ?", approvalId)[0];
  }

  forInbox(inboxId: string): ApprovalRow[] {
    return this.select("WHERE inbox_id = ? ORDER BY created_at, approval_id", inboxId);
  }

  pending(): ApprovalRow[] {
    return this.select("WHERE status = 'pending' ORDER BY created_at");
  }

  /** Settles a pending request; false when it was already settled (a second click). */
  settle(approvalId: string, status: ApprovalStatus, decidedBy: string, now: number): boolean {
    return (
      this.sql.exec(
        `UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?
         WHERE approval_id = ? AND status = 'pending'`,
        status,
        decidedBy,
        now,
        approvalId,
      ).rowsWritten > 0
    );
  }

  allowForSession(sessionId: string, toolName: string, now: number): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO approval_allowances (session_id, tool_name, created_at) VALUES (?, ?, ?)",
      sessionId,
      toolName,
      now,
    );
  }

  isAllowedForSession(sessionId: string, toolName: string): boolean {
    return (
      this.sql
        .exec(
          "SELECT 1 FROM approval_allowances WHERE session_id = ? AND tool_name = ?",
          sessionId,
          toolName,
        )
        .toArray().length > 0
    );
  }

  private select(clause: string, ...bindings: unknown[]): ApprovalRow[] {
    return this.sql
      .exec<{
        approval_id: string;
        inbox_id: string;
        conversation_key: string;
        session_id: string;
        tool_name: string;
        summary: string;
        reason: string | null;
        status: ApprovalStatus;
        decided_by: string | null;
        created_at: number;
        expires_at: number;
        schedule_id: string | null;
      }>(
        `SELECT approval_id, inbox_id, conversation_key, session_id, tool_name, summary, reason,
           status, decided_by, created_at, expires_at, schedule_id FROM approvals ${clause}`,
        ...bindings,
      )
      .toArray()
      .map((row) => ({
        approvalId: row.approval_id,
        inboxId: row.inbox_id,
        conversationKey: row.conversation_key,
        sessionId: row.session_id,
        toolName: row.tool_name,
        summary: row.summary,
        reason: row.reason,
        status: row.status,
        decidedBy: row.decided_by,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        scheduleId: row.schedule_id,
      }));
  }
}
