import { buildSystemPrompt, runAgentTurn, trimHistoryToBudget } from "@molt/agent";
import {
  type InboundMessage,
  inboundMessageSchema,
  type ReplyAddress,
  type ScheduleSummary,
  type UsageReport,
} from "@molt/contracts";
import { Agent } from "agents";
import type { TurnAttachment } from "../browser/build-web-tools";
import { createReplyChannel, type ReplyChannel } from "../channels/reply-channel";
import { readWorkerConfig } from "../config/worker-config";
import { createLanguageModel } from "../model/create-language-model";
import { createManagedSandbox } from "../sandbox/create-sandbox";
import type { ManagedSandbox, SandboxState } from "../sandbox/managed-sandbox";
import { AgentAdminQueries } from "./agent-admin-queries";
import { AgentStore, type OutboxRow } from "./agent-store";
import {
  helpText,
  modelFailureText,
  sandboxNoticeText,
  statusText,
  welcomeText,
} from "./command-replies";
import { describeDeliveryError, describeModelError } from "./describe-error";
import { isHeartbeatMessage, isSilentHeartbeat } from "./heartbeat-runner";
import { PersonalAgent } from "./personal-agent";
import type { ReminderFirePayload } from "./reminder-runner";
import { buildTurnTools } from "./turn-tools";

/** History sent to the model is cut to this many estimated tokens, newest first. */
export const HISTORY_BUDGET_TOKENS = 24_000;
export const MAX_DELIVERY_ATTEMPTS = 6;
const DELIVERY_RETRY_BASE_SECONDS = 5;
const SANDBOX_STATE_KEY = "sandbox-state";

function placeholderKey(inboxId: string): string {
  return `placeholder:${inboxId}`;
}

export type ReceiveResult = { status: "accepted" | "duplicate" };

interface ProcessPayload {
  inboxId: string;
  stoppedRunning?: boolean;
}

/**
 * One person's agent. Every inbound message is written to the inbox before the webhook is
 * acknowledged, then handled from the agent's durable queue, one turn at a time, so a crash,
 * a redelivery or a burst of messages never loses or repeats a turn.
 */
export class UserAgent extends Agent<Env> {
  private readonly store: AgentStore;
  private readonly runningTurns = new Map<string, AbortController>();
  private deliveryChain: Promise<void> = Promise.resolve();
  /** The answer being streamed per console conversation, shown by the web chat as a draft. */
  private readonly drafts = new Map<string, string>();
  private computer: ManagedSandbox | undefined;
  private personalAgent?: PersonalAgent;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new AgentStore(ctx.storage.sql);
  }

  /** Memory, sessions, reminders and skills; created on first use, when the name is known. */
  private get personal(): PersonalAgent {
    this.personalAgent ??= new PersonalAgent({
      env: this.env,
      userId: this.name,
      sql: this.ctx.storage.sql,
      store: this.store,
      historyBudgetTokens: HISTORY_BUDGET_TOKENS,
      scheduleReminder: async (at, payload) =>
        (await this.schedule(at, "fireReminder", payload)).id,
      cancelSchedule: (id) => this.cancelSchedule(id),
      queueInbox: async (inboxId) => {
        await this.queue("processInbox", { inboxId }, { id: inboxId });
      },
      deliverPending: () => this.deliverPending(),
    });
    return this.personalAgent;
  }

  override async onStart(): Promise<void> {
    // A failure here must not keep the agent from answering; the next wake tries again.
    try {
      const schedules = await this.listSchedules();
      await this.personal.reminders.reconcile(new Set(schedules.map((schedule) => schedule.id)));
      await this.keepHeartbeatInStep(
        schedules.filter((schedule) => schedule.callback === "heartbeat"),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`schedules not reconciled: ${reason}`);
    }
  }

  /** One interval schedule while HEARTBEAT_INTERVAL_MINUTES is set, none otherwise. */
  private async keepHeartbeatInStep(
    existing: Array<{ id: string; type: string; intervalSeconds?: number }>,
  ) {
    const minutes = readWorkerConfig(this.env).values.HEARTBEAT_INTERVAL_MINUTES;
    const seconds = minutes === undefined ? null : minutes * 60;
    for (const schedule of existing) {
      if (schedule.type !== "interval" || schedule.intervalSeconds !== seconds) {
        await this.cancelSchedule(schedule.id);
      }
    }
    if (seconds !== null) await this.scheduleEvery(seconds, "heartbeat");
  }

  /** Interval callback: the periodic look over HEARTBEAT.md. */
  async heartbeat(): Promise<string> {
    return this.personal.heartbeat.run(Date.now(), readWorkerConfig(this.env).values);
  }

  /** Schedule callback: one run of a reminder or scheduled task. */
  async fireReminder(payload: ReminderFirePayload): Promise<void> {
    await this.personal.reminders.fire(payload);
  }

  scheduleSummaries(): ScheduleSummary[] {
    return this.personal.reminders.summaries();
  }

  cancelReminder(id: string): Promise<boolean> {
    return this.personal.reminders.cancel(id);
  }

  setDailyTokenLimit(limit: number | null): UsageReport {
    this.personal.setDailyLimit(limit);
    return this.usageReport();
  }

  usageReport(): UsageReport {
    const usage = this.store.usageToday(Date.now());
    const limit = this.personal.dailyLimit();
    const used = usage.inputTokens + usage.outputTokens;
    return {
      ...usage,
      dailyLimit: limit,
      remaining: limit === null ? null : Math.max(0, limit - used),
    };
  }

  async receive(input: InboundMessage): Promise<ReceiveResult> {
    const message = inboundMessageSchema.parse(input);
    const now = Date.now();
    if (!this.store.recordInbound(message, now)) return { status: "duplicate" };
    const payload: ProcessPayload = { inboxId: message.id };
    if (message.command?.name === "stop") {
      // /stop must act now, not after the turn it is meant to interrupt.
      const running = this.runningTurns.get(message.conversationKey);
      running?.abort(new Error("stopped by the user"));
      const cancelled = this.store.cancelQueued(message.conversationKey, message.id, now);
      payload.stoppedRunning = running !== undefined || cancelled > 0;
    }
    await this.queue("processInbox", payload, { id: message.id });
    return { status: "accepted" };
  }

  /** Queue callback: runs one recorded message to completion. */
  async processInbox(payload: ProcessPayload): Promise<void> {
    const row = this.store.getInbox(payload.inboxId);
    // "running" means an earlier attempt died mid-turn: run it again.
    if (!row || (row.status !== "queued" && row.status !== "running")) return;
    this.store.setInboxStatus(row.id, "running", Date.now());
    const { message } = row;
    if (message.command) {
      await this.runCommand(message, payload);
    } else {
      await this.runTurn(message);
    }
  }

  /** The console's view of a conversation: replies after `afterSeq`, and whether work is pending. */
  consoleReplies(conversationKey: string, afterSeq: number) {
    return {
      replies: this.store.repliesAfter(conversationKey, afterSeq).map((row) => ({
        seq: row.seq,
        // The console has no image view: it names the image and shows its caption.
        text: row.attachment ? `[image ${row.attachment.fileName}] ${row.text}` : row.text,
        createdAt: row.createdAt,
      })),
      waiting: this.store.countQueued(),
      draft: this.drafts.get(conversationKey),
    };
  }

  /** Read-only views for the admin API. */
  activity() {
    return new AgentAdminQueries(this.ctx.storage.sql).activity(Date.now());
  }

  conversations() {
    return new AgentAdminQueries(this.ctx.storage.sql).conversations();
  }

  conversationHistory(conversationKey: string) {
    return new AgentAdminQueries(this.ctx.storage.sql).history(conversationKey);
  }

  lastReplySeq(conversationKey: string): number {
    return this.store.lastReplySeq(conversationKey);
  }

  /** Queue / schedule callback: sends every reply not yet delivered, in order. */
  async deliverPending(): Promise<void> {
    this.deliveryChain = this.deliveryChain.then(() => this.deliverPendingNow());
    await this.deliveryChain;
  }

  private async runTurn(message: InboundMessage): Promise<void> {
    const now = Date.now();
    const choice = this.configuredModel();
    if (!choice.ok) {
      this.finishFailed(message, `the model is not configured: ${choice.message}`);
      await this.deliverPending();
      return;
    }
    const capped = this.personal.capReachedText(now);
    if (capped) {
      // A capped heartbeat just skips: no notice every interval, nothing for /retry.
      if (isHeartbeatMessage(message)) {
        this.store.setInboxStatus(message.id, "done", now);
        return;
      }
      this.store.setInboxStatus(message.id, "failed", now, "daily token cap reached");
      this.store.enqueueReply(message.id, message.conversationKey, message.address, capped, now);
      await this.deliverPending();
      return;
    }
    const controller = new AbortController();
    this.runningTurns.set(message.conversationKey, controller);
    const stopTyping = this.replyChannel().startTyping(message.address);
    const replyAddress = await this.placeholderAddress(message);
    const sandbox = this.sandbox();
    sandbox.beginTurn();
    try {
      const sessionId = await this.personal.sessionForTurn(message, now, choice.model);
      const personal = await this.personal.prepareTurn(message, now, sessionId);
      const attachments: TurnAttachment[] = [];
      const result = await runAgentTurn({
        model: choice.model,
        system: `${buildSystemPrompt({
          now: new Date(now),
          channel: message.channel,
          senderName: message.senderName,
          isGroup: message.isGroup,
        })}\n\n${personal.system}`,
        history: trimHistoryToBudget(this.store.loadHistory(sessionId), HISTORY_BUDGET_TOKENS),
        userText: message.text,
        tools: buildTurnTools({
          env: this.env,
          userId: this.name,
          message,
          abortSignal: controller.signal,
          personal: personal.toolSources,
          browserState: {
            load: () => this.store.loadBrowserState(),
            save: (state) => this.store.saveBrowserState(state, Date.now()),
          },
          attachments,
          sandbox,
        }),
        abortSignal: controller.signal,
        onTextDelta: this.draftWriter(message),
      });
      // R2 gets the turn's file changes before the turn counts as done.
      const notice = sandboxNoticeText(await sandbox.endTurn());
      const doneAt = Date.now();
      this.store.addUsage(doneAt, result.usage.inputTokens, result.usage.outputTokens);
      if (!isSilentHeartbeat(message, result.text)) {
        this.store.appendHistory(sessionId, result.newMessages, doneAt);
        const answer = result.text.trim() || "(The model returned an empty answer.)";
        const text = notice ? `${answer}\n\n${notice}` : answer;
        // Images first, then the words that talk about them; all queued in one synchronous step.
        for (const { caption, ...attachment } of attachments) {
          this.store.enqueueReply(
            message.id,
            message.conversationKey,
            message.address,
            caption ?? "",
            doneAt,
            attachment,
          );
        }
        this.store.enqueueReply(message.id, message.conversationKey, replyAddress, text, doneAt);
      } else if (replyAddress.replaceMessageId) {
        // A "working" placeholder must not stay up after a heartbeat with nothing to say.
        const key = message.conversationKey;
        this.store.enqueueReply(message.id, key, replyAddress, "(Nothing new.)", doneAt);
      }
      this.store.setInboxStatus(message.id, "done", doneAt);
    } catch (error) {
      // A failed or stopped turn still keeps the files its tools changed.
      await sandbox.endTurn();
      if (controller.signal.aborted) {
        this.store.setInboxStatus(message.id, "stopped", Date.now());
        // A placeholder must not keep saying "working" about a turn that was stopped.
        if (replyAddress.replaceMessageId) {
          const key = message.conversationKey;
          this.store.enqueueReply(message.id, key, replyAddress, "(Stopped.)", Date.now());
        }
      } else {
        this.finishFailed(message, describeModelError(error), replyAddress);
      }
    } finally {
      stopTyping();
      this.runningTurns.delete(message.conversationKey);
      this.drafts.delete(message.conversationKey);
      await this.ctx.storage.delete(placeholderKey(message.id));
    }
    await this.deliverPending();
  }

  /** The admin API's view of this person's computer; none of these wake a sleeping one. */
  sandboxStatus() {
    return this.sandbox().status();
  }

  sandboxProcesses() {
    return this.sandbox().processes();
  }

  sandboxProcessLogs(id: string) {
    return this.sandbox().processLogs(id);
  }

  async restartSandbox(): Promise<void> {
    await this.sandbox().restart();
  }

  async destroySandbox(): Promise<void> {
    await this.sandbox().destroy();
  }

  private sandbox(): ManagedSandbox {
    this.computer ??= createManagedSandbox(this.env, this.name, {
      load: () => this.ctx.storage.kv.get<SandboxState>(SANDBOX_STATE_KEY),
      save: (state) => {
        if (state) this.ctx.storage.kv.put(SANDBOX_STATE_KEY, state);
        else this.ctx.storage.kv.delete(SANDBOX_STATE_KEY);
      },
    });
    return this.computer;
  }

  private async runCommand(message: InboundMessage, payload: ProcessPayload): Promise<void> {
    const now = Date.now();
    const key = message.conversationKey;
    let reply: string | undefined;
    switch (message.command?.name) {
      case "start":
        reply = welcomeText(message.senderName);
        break;
      case "help":
        reply = helpText(message.channel);
        break;
      case "new":
        this.personal.startNewSession(key, now);
        reply = "Started a fresh session. I won't see our earlier messages in this chat.";
        break;
      case "status":
        reply = this.statusReply(key, now);
        break;
      case "stop":
        reply = payload.stoppedRunning
          ? "Stopped."
          : "Nothing to stop: I wasn't working on anything.";
        break;
      case "compact":
        reply = await this.compactReply(key, now);
        break;
      case "reminders":
        reply = this.personal.reminders.listText(key);
        break;
      case "retry": {
        const failedId = this.store.latestFailed(key);
        if (failedId) {
          this.store.setInboxStatus(failedId, "queued", now);
          await this.queue("processInbox", { inboxId: failedId }, { id: failedId });
        } else {
          reply = "Nothing to retry: your last messages were all answered.";
        }
        break;
      }
    }
    if (reply) this.store.enqueueReply(message.id, key, message.address, reply, now);
    this.store.setInboxStatus(message.id, "done", now);
    await this.deliverPending();
  }

  private async compactReply(conversationKey: string, now: number): Promise<string> {
    const choice = this.configuredModel();
    if (!choice.ok) return `I can't summarize without a model: ${choice.message}`;
    const sessionId = this.store.currentSession(conversationKey, now);
    const count = await this.personal.compact(conversationKey, sessionId, choice.model, now, true);
    return count > 0
      ? `Compacted ${count} messages: a summary stays in context, and what you said is saved in today's note.`
      : "Nothing to compact yet.";
  }

  private statusReply(conversationKey: string, now: number): string {
    const choice = this.configuredModel();
    return statusText({
      model: choice.ok ? choice.label : `not usable (${choice.message})`,
      sessionMessages: this.store.countHistory(this.store.currentSession(conversationKey, now)),
      usage: this.store.usageToday(now),
      dailyLimit: this.personal.dailyLimit(),
      // The /status message itself is still being handled.
      waiting: Math.max(0, this.store.countQueued() - 1),
    });
  }

  private finishFailed(
    message: InboundMessage,
    reason: string,
    address: ReplyAddress = message.address,
  ): void {
    const now = Date.now();
    this.store.setInboxStatus(message.id, "failed", now, reason);
    this.store.enqueueReply(
      message.id,
      message.conversationKey,
      address,
      modelFailureText(reason, message.channel),
      now,
    );
  }

  /**
   * Where this turn's reply goes: on channels with a "working" placeholder, the placeholder it
   * replaces. Its id is stored before the model runs, so a turn re-run after a crash reuses it
   * instead of posting a second one; a placeholder that cannot be posted is simply skipped.
   */
  private async placeholderAddress(message: InboundMessage): Promise<ReplyAddress> {
    const key = placeholderKey(message.id);
    let placeholderId = await this.ctx.storage.get<string>(key);
    if (placeholderId === undefined) {
      placeholderId = await this.replyChannel()
        .postPlaceholder(message.address)
        .catch((error: unknown) => {
          console.warn(`placeholder not posted: ${error instanceof Error ? error.message : error}`);
          return undefined;
        });
      if (placeholderId !== undefined) await this.ctx.storage.put(key, placeholderId);
    }
    return placeholderId === undefined
      ? message.address
      : { ...message.address, replaceMessageId: placeholderId };
  }

  private async deliverPendingNow(): Promise<void> {
    for (const reply of this.store.pendingReplies()) {
      const delivered = await this.deliverOne(reply);
      // Later replies wait, so that a conversation never reads out of order.
      if (!delivered) return;
    }
  }

  private async deliverOne(reply: OutboxRow): Promise<boolean> {
    try {
      if (reply.attachment) {
        await this.replyChannel().deliverImage(reply.address, {
          bytes: await this.readAttachment(reply.attachment.key),
          fileName: reply.attachment.fileName,
          contentType: reply.attachment.contentType,
          caption: reply.text,
        });
      } else {
        await this.replyChannel().deliver(reply.address, reply.text, {
          partsSent: reply.partsSent,
          onPartSent: (partsSent) => this.store.setPartsSent(reply.seq, partsSent),
        });
      }
      this.store.markReply(reply.seq, "sent");
      return true;
    } catch (error) {
      const { permanent, summary } = describeDeliveryError(error);
      const giveUp = permanent || reply.attempts + 1 >= MAX_DELIVERY_ATTEMPTS;
      this.store.markReply(reply.seq, giveUp ? "failed" : "pending", summary);
      console.warn(`reply ${reply.seq} not delivered (${summary})${giveUp ? "; giving up" : ""}`);
      if (giveUp) return true;
      const delaySeconds = DELIVERY_RETRY_BASE_SECONDS * 2 ** reply.attempts;
      await this.schedule(delaySeconds, "deliverPending", undefined, { idempotent: true });
      return false;
    }
  }

  /** Console turns stream into a draft the web chat polls; other channels send whole replies. */
  private draftWriter(message: InboundMessage): ((delta: string) => void) | undefined {
    if (message.channel !== "console") return undefined;
    const key = message.conversationKey;
    this.drafts.set(key, "");
    return (delta) => this.drafts.set(key, (this.drafts.get(key) ?? "") + delta);
  }

  private async readAttachment(key: string): Promise<Uint8Array> {
    const object = await this.env.WORKSPACES.get(key);
    // A missing image will not come back: the 404 makes delivery give up on it at once.
    if (!object) throw Object.assign(new Error(`attachment ${key} is gone`), { errorCode: 404 });
    return new Uint8Array(await object.arrayBuffer());
  }

  private configuredModel() {
    return createLanguageModel(readWorkerConfig(this.env).values, this.env.AI);
  }

  private replyChannel(): ReplyChannel {
    return createReplyChannel(this.env);
  }
}
