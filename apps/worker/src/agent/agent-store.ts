import {
  type InboundMessage,
  inboundMessageSchema,
  type ReplyAddress,
  replyAddressSchema,
} from "@molt/contracts";
import { type ModelMessage, modelMessageSchema } from "ai";
import { type OutboxAttachment, outboxAttachmentSchema } from "./outbox-attachment";

export type InboxStatus =
  | "queued"
  | "running"
  | "done"
  | "failed"
  | "stopped"
  | "cancelled"
  | "awaiting_approval";

export interface InboxRow {
  id: string;
  conversationKey: string;
  message: InboundMessage;
  status: InboxStatus;
}

export interface OutboxRow {
  seq: number;
  inboxId: string | null;
  conversationKey: string;
  address: ReplyAddress;
  text: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  /** Messages of a multi-part reply already delivered, so a retry sends only the rest. */
  partsSent: number;
  createdAt: number;
  /** An image sent with `text` as its caption (a screenshot), stored in R2. */
  attachment?: OutboxAttachment;
  /** The row is an approval question: sent with the channel's answer buttons. */
  approvalId?: string;
}

export interface UsageToday {
  day: string;
  inputTokens: number;
  outputTokens: number;
  turns: number;
  /** Input tokens the provider read from its prompt cache (counted in `inputTokens` too). */
  cachedInputTokens: number;
}

/**
 * The conversation state of one person's agent in the Durable Object's SQLite: the inbox that
 * makes delivery exactly-once, the outbox that makes replies survive failures, sessions,
 * history and usage. The only writer of these tables.
 */
export class AgentStore {
  /** The tables are created by the agent's migrations (`user-agent-schema.ts`). */
  constructor(private readonly sql: SqlStorage) {}

  /** Returns false when the message was already recorded: the caller must not act on it again. */
  recordInbound(message: InboundMessage, now: number): boolean {
    return (
      this.sql.exec(
        `INSERT OR IGNORE INTO inbox (id, conversation_key, message_json, status, received_at, updated_at)
         VALUES (?, ?, ?, 'queued', ?, ?)`,
        message.id,
        message.conversationKey,
        JSON.stringify(message),
        now,
        now,
      ).rowsWritten > 0
    );
  }

  getInbox(id: string): InboxRow | undefined {
    const row = this.sql
      .exec<{ id: string; conversation_key: string; message_json: string; status: InboxStatus }>(
        "SELECT id, conversation_key, message_json, status FROM inbox WHERE id = ?",
        id,
      )
      .toArray()[0];
    if (!row) return undefined;
    return {
      id: row.id,
      conversationKey: row.conversation_key,
      message: inboundMessageSchema.parse(JSON.parse(row.message_json)),
      status: row.status,
    };
  }

  setInboxStatus(id: string, status: InboxStatus, now: number, error?: string): void {
    this.sql.exec(
      "UPDATE inbox SET status = ?, error = ?, updated_at = ? WHERE id = ?",
      status,
      error ?? null,
      now,
      id,
    );
  }

  /** Marks the conversation's waiting messages cancelled; returns how many there were. */
  cancelQueued(conversationKey: string, exceptId: string, now: number): number {
    return this.sql.exec(
      `UPDATE inbox SET status = 'cancelled', updated_at = ?
       WHERE conversation_key = ? AND status = 'queued' AND id != ?`,
      now,
      conversationKey,
      exceptId,
    ).rowsWritten;
  }

  latestFailed(conversationKey: string): string | undefined {
    return this.sql
      .exec<{ id: string }>(
        `SELECT id FROM inbox WHERE conversation_key = ? AND status = 'failed'
         ORDER BY received_at DESC LIMIT 1`,
        conversationKey,
      )
      .toArray()[0]?.id;
  }

  countQueued(): number {
    return (
      this.sql
        .exec<{ n: number }>(
          "SELECT COUNT(*) AS n FROM inbox WHERE status IN ('queued', 'running')",
        )
        .toArray()[0]?.n ?? 0
    );
  }

  currentSession(conversationKey: string, now: number): string {
    const row = this.sql
      .exec<{ session_id: string }>(
        "SELECT session_id FROM sessions WHERE conversation_key = ?",
        conversationKey,
      )
      .toArray()[0];
    return row?.session_id ?? this.startSession(conversationKey, now);
  }

  /** When the conversation's current session started; 0 when it has none yet. */
  sessionStartedAt(conversationKey: string): number {
    return (
      this.sql
        .exec<{ started_at: number }>(
          "SELECT started_at FROM sessions WHERE conversation_key = ?",
          conversationKey,
        )
        .toArray()[0]?.started_at ?? 0
    );
  }

  startSession(conversationKey: string, now: number): string {
    const sessionId = `${conversationKey}@${now}`;
    this.sql.exec(
      "INSERT OR REPLACE INTO sessions (conversation_key, session_id, started_at) VALUES (?, ?, ?)",
      conversationKey,
      sessionId,
      now,
    );
    return sessionId;
  }

  loadHistory(sessionId: string): ModelMessage[] {
    return this.sql
      .exec<{ message_json: string }>(
        "SELECT message_json FROM history WHERE session_id = ? ORDER BY seq",
        sessionId,
      )
      .toArray()
      .map((row) => modelMessageSchema.parse(JSON.parse(row.message_json)));
  }

  /** Compaction: the oldest `count` messages of a session leave the history. */
  deleteOldestHistory(sessionId: string, count: number): void {
    this.sql.exec(
      `DELETE FROM history WHERE seq IN (
         SELECT seq FROM history WHERE session_id = ? ORDER BY seq LIMIT ?)`,
      sessionId,
      count,
    );
  }

  appendHistory(sessionId: string, messages: ModelMessage[], now: number): void {
    for (const message of messages) {
      this.sql.exec(
        "INSERT INTO history (session_id, message_json, created_at) VALUES (?, ?, ?)",
        sessionId,
        JSON.stringify(message),
        now,
      );
    }
  }

  countHistory(sessionId: string): number {
    return (
      this.sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM history WHERE session_id = ?", sessionId)
        .toArray()[0]?.n ?? 0
    );
  }

  /**
   * `countTurn` is false for model calls that are not a turn of their own (summaries);
   * `cachedInputTokens` is the part of `inputTokens` the provider read from its prompt cache.
   */
  addUsage(
    now: number,
    inputTokens: number,
    outputTokens: number,
    countTurn = true,
    cachedInputTokens = 0,
  ): void {
    this.sql.exec(
      `INSERT INTO usage_daily (day, input_tokens, output_tokens, turns, cached_input_tokens)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens,
         output_tokens = output_tokens + excluded.output_tokens, turns = turns + excluded.turns,
         cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens`,
      utcDay(now),
      inputTokens,
      outputTokens,
      countTurn ? 1 : 0,
      cachedInputTokens,
    );
  }

  usageToday(now: number): UsageToday {
    const day = utcDay(now);
    const row = this.sql
      .exec<{
        input_tokens: number;
        output_tokens: number;
        turns: number;
        cached_input_tokens: number;
      }>(
        "SELECT input_tokens, output_tokens, turns, cached_input_tokens FROM usage_daily WHERE day = ?",
        day,
      )
      .toArray()[0];
    return {
      day,
      inputTokens: row?.input_tokens ?? 0,
      outputTokens: row?.output_tokens ?? 0,
      turns: row?.turns ?? 0,
      cachedInputTokens: row?.cached_input_tokens ?? 0,
    };
  }

  enqueueReply(
    inboxId: string | null,
    conversationKey: string,
    address: ReplyAddress,
    text: string,
    now: number,
    attachment?: OutboxAttachment,
  ): number {
    this.sql.exec(
      `INSERT INTO outbox (inbox_id, channel, conversation_key, address_json, text, status,
         created_at, attachment_json)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
      inboxId,
      address.channel,
      conversationKey,
      JSON.stringify(address),
      text,
      now,
      attachment ? JSON.stringify(attachment) : null,
    );
    return this.sql.exec<{ seq: number }>("SELECT last_insert_rowid() AS seq").one().seq;
  }

  /** An approval question, delivered in order with the replies, with its answer buttons. */
  enqueueApprovalQuestion(
    inboxId: string,
    conversationKey: string,
    address: ReplyAddress,
    text: string,
    approvalId: string,
    now: number,
  ): number {
    const seq = this.enqueueReply(inboxId, conversationKey, address, text, now);
    this.sql.exec("UPDATE outbox SET approval_id = ? WHERE seq = ?", approvalId, seq);
    return seq;
  }

  /** The outbox rows that asked these approval questions. */
  approvalQuestions(approvalIds: readonly string[]): OutboxRow[] {
    if (approvalIds.length === 0) return [];
    const marks = approvalIds.map(() => "?").join(", ");
    return this.selectOutbox(`WHERE approval_id IN (${marks}) ORDER BY seq`, ...approvalIds);
  }

  pendingReplies(): OutboxRow[] {
    return this.selectOutbox("WHERE status = 'pending' ORDER BY seq");
  }

  repliesAfter(conversationKey: string, afterSeq: number): OutboxRow[] {
    return this.selectOutbox(
      "WHERE conversation_key = ? AND seq > ? ORDER BY seq LIMIT 100",
      conversationKey,
      afterSeq,
    );
  }

  lastReplySeq(conversationKey: string): number {
    return (
      this.sql
        .exec<{ seq: number | null }>(
          "SELECT MAX(seq) AS seq FROM outbox WHERE conversation_key = ?",
          conversationKey,
        )
        .one().seq ?? 0
    );
  }

  setPartsSent(seq: number, partsSent: number): void {
    this.sql.exec("UPDATE outbox SET parts_sent = ? WHERE seq = ?", partsSent, seq);
  }

  markReply(seq: number, status: OutboxRow["status"], error?: string): void {
    this.sql.exec(
      "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE seq = ?",
      status,
      error ?? null,
      seq,
    );
  }

  private selectOutbox(clause: string, ...bindings: unknown[]): OutboxRow[] {
    return this.sql
      .exec<{
        seq: number;
        inbox_id: string | null;
        conversation_key: string;
        address_json: string;
        text: string;
        status: OutboxRow["status"];
        attempts: number;
        parts_sent: number;
        created_at: number;
        attachment_json: string | null;
        approval_id: string | null;
      }>(
        `SELECT seq, inbox_id, conversation_key, address_json, text, status, attempts, parts_sent, created_at,
           attachment_json, approval_id
         FROM outbox ${clause}`,
        ...bindings,
      )
      .toArray()
      .map((row) => ({
        seq: row.seq,
        inboxId: row.inbox_id,
        conversationKey: row.conversation_key,
        address: replyAddressSchema.parse(JSON.parse(row.address_json)),
        text: row.text,
        status: row.status,
        attempts: row.attempts,
        partsSent: row.parts_sent,
        createdAt: row.created_at,
        ...(row.attachment_json
          ? { attachment: outboxAttachmentSchema.parse(JSON.parse(row.attachment_json)) }
          : {}),
        ...(row.approval_id ? { approvalId: row.approval_id } : {}),
      }));
  }
}

export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}
