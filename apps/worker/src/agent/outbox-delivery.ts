import type { ReplyChannel } from "../channels/reply-channel";
import { elapsedMs, logEvent } from "../observability/log-event";
import type { AgentStore, OutboxRow } from "./agent-store";
import { describeDeliveryError } from "./describe-error";

export const MAX_DELIVERY_ATTEMPTS = 6;
const DELIVERY_RETRY_BASE_SECONDS = 5;

/** An outbox image whose bytes are no longer in R2: it will not come back, so never retried. */
export class AttachmentGoneError extends Error {
  readonly permanent = true;

  constructor(key: string) {
    super(`attachment ${key} is gone`);
    this.name = "AttachmentGoneError";
  }
}

export interface OutboxDeliveryOptions {
  userId: string;
  store: Pick<AgentStore, "pendingReplies" | "markReply" | "setPartsSent">;
  channel(): Pick<ReplyChannel, "deliver" | "deliverImage" | "deliverApprovalQuestion">;
  /** The bytes of an outbox image; throws `AttachmentGoneError` when they are gone. */
  readAttachment(key: string): Promise<Uint8Array>;
  /** Runs `deliverPending` again after a delay (an agents SDK schedule, idempotent). */
  scheduleRetry(delaySeconds: number): Promise<void>;
}

/**
 * Sends the outbox in order, one delivery pass at a time per agent. A reply that fails waits
 * with exponential backoff and holds back the later ones, so a conversation never reads out of
 * order; a permanent failure (or the last attempt) gives up on that reply and moves on.
 */
export class OutboxDelivery {
  /** The pass in progress; later calls queue behind it. Never rejects, so one failure jams nothing. */
  private previousPass: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutboxDeliveryOptions) {}

  deliverPending(): Promise<void> {
    const pass = this.previousPass.then(() => this.deliverAll());
    this.previousPass = pass.catch(() => undefined);
    return pass;
  }

  private async deliverAll(): Promise<void> {
    for (const reply of this.options.store.pendingReplies()) {
      const delivered = await this.deliverOne(reply);
      // Later replies wait, so that a conversation never reads out of order.
      if (!delivered) return;
    }
  }

  /** True when the reply is settled (sent or given up on); false when it waits for a retry. */
  private async deliverOne(reply: OutboxRow): Promise<boolean> {
    const startedAt = Date.now();
    const { store } = this.options;
    try {
      await this.send(reply);
      store.markReply(reply.seq, "sent");
      this.log(reply, "sent", startedAt);
      return true;
    } catch (error) {
      const { permanent, summary } = describeDeliveryError(error);
      const giveUp = permanent || reply.attempts + 1 >= MAX_DELIVERY_ATTEMPTS;
      store.markReply(reply.seq, giveUp ? "failed" : "pending", summary);
      this.log(reply, giveUp ? "failed" : "retry", startedAt, summary);
      if (giveUp) return true;
      await this.options.scheduleRetry(DELIVERY_RETRY_BASE_SECONDS * 2 ** reply.attempts);
      return false;
    }
  }

  private async send(reply: OutboxRow): Promise<void> {
    const channel = this.options.channel();
    if (reply.approvalId) {
      await channel.deliverApprovalQuestion(reply.address, reply.text, reply.approvalId);
      return;
    }
    if (reply.attachment) {
      await channel.deliverImage(reply.address, {
        bytes: await this.options.readAttachment(reply.attachment.key),
        fileName: reply.attachment.fileName,
        contentType: reply.attachment.contentType,
        caption: reply.text,
        ...(reply.attachment.kind ? { kind: reply.attachment.kind } : {}),
      });
      return;
    }
    await channel.deliver(reply.address, reply.text, {
      partsSent: reply.partsSent,
      onPartSent: (partsSent) => this.options.store.setPartsSent(reply.seq, partsSent),
    });
  }

  private log(
    reply: OutboxRow,
    outcome: "sent" | "retry" | "failed",
    startedAt: number,
    error?: string,
  ) {
    logEvent(
      "delivery",
      {
        userId: this.options.userId,
        conversationId: reply.conversationKey,
        inboxId: reply.inboxId,
        replySeq: reply.seq,
        channel: reply.address.channel,
        kind: reply.approvalId
          ? "approval"
          : reply.attachment
            ? (reply.attachment.kind ?? "image")
            : "text",
        attempt: reply.attempts + 1,
        outcome,
        error,
        durationMs: elapsedMs(startedAt),
      },
      outcome === "sent" ? "info" : "warn",
    );
  }
}
