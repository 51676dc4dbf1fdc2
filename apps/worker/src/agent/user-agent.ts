import {
  type AddMcpServerBody,
  type InboundMessage,
  inboundMessageSchema,
  type McpServerSummary,
  type OperatorMcpServer,
  type PersonModel,
  type ScheduleSummary,
  type UsageReport,
} from "@molt/contracts";
import { Agent } from "agents";
import { type ApprovalDecisionOutcome, ApprovalDesk } from "../approvals/approval-desk";
import type { ApprovalPolicy } from "../approvals/approval-policy";
import { type ApprovalChoice, ApprovalStore } from "../approvals/approval-store";
import { createReplyChannel } from "../channels/reply-channel";
import { readWorkerConfig } from "../config/worker-config";
import { getDirectory } from "../directory/directory";
import { mcpOAuthCallbackPage } from "../mcp/mcp-oauth-callback-page";
import {
  type McpAddResult,
  type McpTurnServers,
  PersonMcpServers,
} from "../mcp/person-mcp-servers";
import { createMediaTurnPreparer } from "../media/media-turn";
import { choosePersonModel } from "../model/model-catalog";
import { modelAcceptsImages } from "../model/model-image-input";
import { elapsedMs, logEvent } from "../observability/log-event";
import { createManagedSandbox } from "../sandbox/create-sandbox";
import type { ManagedSandbox } from "../sandbox/managed-sandbox";
import { applySqlMigrations, migrationTargetOf } from "../storage/sql-migrations";
import { voiceCommandReply, wantsVoiceReplies } from "../voice/voice-preference";
import { voiceReplyAttachment } from "../voice/voice-reply";
import { CachedWorkspaceStore } from "../workspace/cached-workspace-store";
import { type R2OperationCounter, R2WorkspaceStore } from "../workspace/r2-workspace-store";
import { AgentAdminQueries } from "./agent-admin-queries";
import { AgentSettings } from "./agent-settings";
import { browserStateStore, sandboxStateStore } from "./agent-state-stores";
import { AgentStore, type OutboxRow } from "./agent-store";
import { CommandDispatcher } from "./command-dispatcher";
import { readDailyActivity } from "./daily-activity";
import { readModelHealth, recordModelFallback } from "./model-health";
import { buildOfferedTurnTools } from "./offered-turn-tools";
import { AttachmentGoneError, OutboxDelivery } from "./outbox-delivery";
import { describePersonModel, pickModel, readModelPick } from "./person-model";
import { Personalization } from "./personalization";
import type { ReminderFirePayload } from "./reminder-runner";
import { openToolsetActivation } from "./toolset-activation";
import { HISTORY_BUDGET_TOKENS, TurnRunner } from "./turn-runner";
import type { AgentOverview, ReceiveResult, UserAgentRpc } from "./user-agent-rpc";
import { USER_AGENT_MIGRATIONS, USER_AGENT_SCHEMA } from "./user-agent-schema";

/** How old a turn may take the operator's list of MCP servers to be. */
const OPERATOR_MCP_LIST_MAX_AGE_MS = 30_000;

interface ProcessPayload {
  inboxId: string;
  stoppedRunning?: boolean;
}

/**
 * One person's agent, a Durable Object (the agents SDK's `Agent`). It is a shell: the SDK's
 * callbacks (queue, schedules, start) and the RPC surface the routes use (`UserAgentRpc`).
 * Every inbound message is written to the inbox before the webhook is acknowledged, then
 * handled from the SDK's durable queue one at a time by the turn runner or the command
 * dispatcher; replies leave through the outbox delivery.
 */
export class UserAgent extends Agent<Env> implements UserAgentRpc {
  private readonly store: AgentStore;
  private readonly settings: AgentSettings;
  private outboxDelivery?: OutboxDelivery;
  private computer: ManagedSandbox | undefined;
  private personalization?: Personalization;
  private turnRunner?: TurnRunner;
  private commandDispatcher?: CommandDispatcher;
  private cachedWorkspace?: CachedWorkspaceStore;
  private readonly r2Operations: R2OperationCounter = { count: 0 };
  private approvalDesk?: ApprovalDesk;
  private personMcpServers?: PersonMcpServers;
  /** The MCP servers of the turn being run (turns run one at a time, from the queue). */
  private turnMcp: McpTurnServers = { ready: [], notices: [] };
  /** The operator's MCP servers as last read from the Directory (this wake only). */
  private operatorMcpList?: { list: OperatorMcpServer[]; readAt: number };

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    applySqlMigrations(migrationTargetOf(ctx.storage), USER_AGENT_SCHEMA, USER_AGENT_MIGRATIONS);
    this.store = new AgentStore(ctx.storage.sql);
    this.settings = new AgentSettings(ctx.storage.sql);
  }

  /** One per instance, so its passes over the outbox never overlap. */
  private get delivery(): OutboxDelivery {
    this.outboxDelivery ??= new OutboxDelivery({
      userId: this.name,
      store: this.store,
      channel: () => createReplyChannel(this.env),
      readAttachment: (key) => this.readAttachment(key),
      scheduleRetry: async (delaySeconds) => {
        await this.schedule(delaySeconds, "deliverPending", undefined, { idempotent: true });
      },
    });
    return this.outboxDelivery;
  }

  /**
   * The person's workspace: R2, with what the prompt needs kept in this agent's SQLite. Every
   * writer inside the agent (memory tools, compaction, heartbeat, the computer's write-back) goes
   * through this one store; writers outside call `forgetWorkspaceFiles`.
   */
  private get workspace(): CachedWorkspaceStore {
    this.cachedWorkspace ??= new CachedWorkspaceStore(
      new R2WorkspaceStore(this.env.WORKSPACES, this.name, this.r2Operations),
      this.ctx.storage.sql,
    );
    return this.cachedWorkspace;
  }

  /** Memory, sessions, reminders and skills; this and the parts below are made on first use. */
  private get personal(): Personalization {
    this.personalization ??= new Personalization({
      env: this.env,
      userId: this.name,
      workspace: this.workspace,
      forgetCachedWorkspace: () => this.workspace.forget("all"),
      sql: this.ctx.storage.sql,
      store: this.store,
      historyBudgetTokens: HISTORY_BUDGET_TOKENS,
      scheduleReminder: async (at, payload) =>
        (await this.schedule(at, "fireReminder", payload)).id,
      cancelSchedule: (id) => this.cancelSchedule(id),
      queueInbox: (inboxId) => this.queueInbox(inboxId),
      deliverPending: () => this.deliverPending(),
    });
    return this.personalization;
  }

  /** Tool-call approvals: the policy, paused turns, answers from any channel, timeouts. */
  private get approvals(): ApprovalDesk {
    this.approvalDesk ??= new ApprovalDesk({
      userId: this.name,
      approvals: new ApprovalStore(this.ctx.storage.sql),
      store: this.store,
      settings: this.settings,
      config: () => readWorkerConfig(this.env).values,
      scheduleExpiry: async (seconds, approvalId) =>
        (await this.schedule(seconds, "expireApproval", { approvalId })).id,
      cancelSchedule: (id) => this.cancelSchedule(id),
      queueInbox: (inboxId) => this.queueInbox(inboxId),
      audit: (entry) => getDirectory(this.env).recordAudit(entry),
    });
    return this.approvalDesk;
  }

  private get turns(): TurnRunner {
    this.turnRunner ??= new TurnRunner({
      userId: this.name,
      store: this.store,
      settings: this.settings,
      personal: this.personal,
      chooseModel: () => this.configuredModel(),
      channel: () => createReplyChannel(this.env),
      sandbox: () => this.sandbox(),
      buildTools: (input) =>
        buildOfferedTurnTools(
          {
            env: this.env,
            userId: this.name,
            message: input.message,
            abortSignal: input.abortSignal,
            personal: input.personal,
            browserState: browserStateStore(this.settings),
            attachments: input.attachments,
            sandbox: this.sandbox(),
            mcpServers: this.turnMcp.ready,
          },
          openToolsetActivation(this.settings, this.name, input.message, input.sessionId),
        ),
      deliverPending: () => this.deliverPending(),
      r2Operations: () => this.r2Operations.count,
      voiceReply: async (message, answer) =>
        wantsVoiceReplies(this.settings)
          ? voiceReplyAttachment(this.env, this.name, message, answer)
          : undefined,
      approvals: this.approvals,
      prepareMedia: (message, modelLabel, signal) => {
        const values = readWorkerConfig(this.env).values;
        const prepare = createMediaTurnPreparer(this.env, this.name, values, this.sandbox());
        return prepare(message, modelAcceptsImages(modelLabel, values), signal);
      },
      extraNotices: () => this.turnMcp.notices,
    });
    return this.turnRunner;
  }

  private get commands(): CommandDispatcher {
    this.commandDispatcher ??= new CommandDispatcher(this.name, {
      store: this.store,
      personal: this.personal,
      chooseModel: () => this.configuredModel(),
      models: {
        describe: () => this.personModel(),
        pick: (name) => pickModel(this.settings, readWorkerConfig(this.env).values, name),
      },
      queueInbox: (inboxId) => this.queueInbox(inboxId),
      voice: (args) =>
        voiceCommandReply(
          this.settings,
          args,
          readWorkerConfig(this.env).values.VOICE_REPLIES === "off",
        ),
      mcp: {
        allowUserServers: readWorkerConfig(this.env).values.MCP_ALLOW_USER_SERVERS,
        list: () => this.mcpServerList(),
        add: (url, name, addedBy) =>
          this.personMcp.add({ url, name, scope: "person", addedBy }, Date.now()),
        remove: (name) => this.personMcp.remove(name, "person"),
      },
    });
    return this.commandDispatcher;
  }

  /** The person's MCP servers over the agents SDK's MCP client (`this.mcp`). */
  private get personMcp(): PersonMcpServers {
    this.personMcpServers ??= new PersonMcpServers(this.name, this.env, this.ctx.storage.sql, this);
    return this.personMcpServers;
  }

  override async onStart(): Promise<void> {
    // The browser comes back here from an MCP server's sign-in page.
    this.mcp.configureOAuthCallback({ customHandler: mcpOAuthCallbackPage });
    // A failure here must not keep the agent from answering; the next wake tries again.
    try {
      const schedules = await this.listSchedules();
      await this.personal.reminders.reconcile(new Set(schedules.map((schedule) => schedule.id)));
      await this.keepHeartbeatInStep(
        schedules.filter((schedule) => schedule.callback === "heartbeat"),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logEvent("schedule", { userId: this.name, outcome: "not_reconciled", reason }, "warn");
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
    const startedAt = Date.now();
    const outcome = await this.personal.heartbeat.run(startedAt, readWorkerConfig(this.env).values);
    logEvent("schedule", {
      userId: this.name,
      callback: "heartbeat",
      outcome,
      durationMs: elapsedMs(startedAt),
    });
    return outcome;
  }

  /** Schedule callback: one run of a reminder or scheduled task. */
  async fireReminder(payload: ReminderFirePayload): Promise<void> {
    const startedAt = Date.now();
    const outcome = await this.personal.reminders.fire(payload);
    logEvent("schedule", {
      userId: this.name,
      callback: "fireReminder",
      reminderId: payload.reminderId,
      runAt: payload.runAt,
      outcome,
      durationMs: elapsedMs(startedAt),
    });
  }

  async receive(input: InboundMessage): Promise<ReceiveResult> {
    const message = inboundMessageSchema.parse(input);
    const now = Date.now();
    if (!this.store.recordInbound(message, now)) return { status: "duplicate" };
    const payload: ProcessPayload = { inboxId: message.id };
    if (message.command?.name === "stop") {
      // /stop must act now, not after the turn it is meant to interrupt.
      const stopped = this.turns.stop(message.conversationKey);
      const cancelled = this.store.cancelQueued(message.conversationKey, message.id, now);
      // A turn waiting for an approval answer is stopped too: its questions count as denied.
      const waiting = await this.approvals.stopConversation(
        message.conversationKey,
        message.identity,
        now,
      );
      payload.stoppedRunning = stopped || cancelled > 0 || waiting > 0;
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
    if (row.message.command) {
      await this.commands.dispatch(row.message, { stoppedRunning: !!payload.stoppedRunning });
      await this.deliverPending();
    } else {
      this.turnMcp = await this.mcpForTurn(row.message);
      try {
        await this.turns.run(row.message);
      } finally {
        this.turnMcp = { ready: [], notices: [] };
      }
    }
  }

  /**
   * A person's answer to an approval question, from any channel. `conversationKey` (when the
   * channel knows it) must be the question's conversation. The resumed turn answers through
   * the outbox.
   */
  async decideApproval(input: {
    approvalId: string;
    choice: ApprovalChoice;
    actor: string;
    conversationKey?: string;
  }): Promise<ApprovalDecisionOutcome> {
    return this.approvals.decide({ ...input, now: Date.now() });
  }

  /** Schedule callback: a question nobody answered in time counts as denied. */
  async expireApproval(payload: { approvalId: string }): Promise<void> {
    await this.approvals.expire(payload.approvalId, Date.now());
    await this.deliverPending();
  }

  approvalSettings() {
    return {
      policy: this.approvals.policy(),
      override: this.approvals.override(),
      timeoutMinutes: this.approvals.timeoutMinutes(),
    };
  }

  setApprovalPolicy(policy: ApprovalPolicy | null) {
    this.approvals.setOverride(policy);
    return this.approvalSettings();
  }

  /**
   * The MCP servers a turn may use. Groups get none (no connection is waited for); a private
   * turn first brings the operator's servers in step, then waits briefly for the connections.
   * Nothing here may fail the turn: a server that cannot be reached becomes a notice.
   */
  private async mcpForTurn(message: InboundMessage): Promise<McpTurnServers> {
    if (message.isGroup) return { ready: [], notices: [] };
    try {
      const syncNotices = await this.syncOperatorMcpServers({
        maxAgeMs: OPERATOR_MCP_LIST_MAX_AGE_MS,
      });
      if (!this.personMcp.hasAny()) return { ready: [], notices: syncNotices };
      const servers = await this.personMcp.forTurn();
      return { ready: servers.ready, notices: [...syncNotices, ...servers.notices] };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logEvent("mcp", { userId: this.name, outcome: "not_prepared", reason }, "warn");
      return { ready: [], notices: ["_The MCP servers could not be reached for this answer._"] };
    }
  }

  /**
   * Brings the operator's MCP servers in step with the Directory's list. Turns may use a list
   * read up to `maxAgeMs` ago (one Directory RPC saved per turn in a busy conversation); the
   * admin view and `/mcp` always read it fresh.
   */
  private async syncOperatorMcpServers(options: { maxAgeMs?: number } = {}): Promise<string[]> {
    const now = Date.now();
    const cached = this.operatorMcpList;
    const list =
      cached && options.maxAgeMs !== undefined && now - cached.readAt < options.maxAgeMs
        ? cached.list
        : await getDirectory(this.env).listOperatorMcpServers();
    if (list !== cached?.list) this.operatorMcpList = { list, readAt: now };
    return this.personMcp.syncOperatorServers(list);
  }

  /** Queue / schedule callback: sends every reply not yet delivered, in order. */
  async deliverPending(): Promise<void> {
    await this.delivery.deliverPending();
  }

  consoleReplies(conversationKey: string, afterSeq: number) {
    const asConsoleReply = (row: OutboxRow) => ({
      seq: row.seq,
      // The console has no image view: it names the image and shows its caption.
      text: row.attachment ? `[image ${row.attachment.fileName}] ${row.text}` : row.text,
      createdAt: row.createdAt,
      ...(row.approvalId ? { approval: this.approvals.consoleView(row.approvalId) } : {}),
    });
    return {
      replies: this.store.repliesAfter(conversationKey, afterSeq).map(asConsoleReply),
      openQuestions: this.store
        .approvalQuestions(this.approvals.openQuestionIds(conversationKey))
        .map(asConsoleReply),
      waiting: this.store.countQueued(),
      draft: this.turnRunner?.draft(conversationKey),
    };
  }

  lastReplySeq(conversationKey: string): number {
    return this.store.lastReplySeq(conversationKey);
  }

  activity() {
    return new AgentAdminQueries(this.ctx.storage.sql).activity(Date.now());
  }

  /** The dashboard's share of this agent: daily activity, model health, whether its computer is up. */
  async overview(days: number): Promise<AgentOverview> {
    const now = Date.now();
    const sandbox = await this.sandbox()
      .status()
      .catch(() => undefined);
    return {
      days: readDailyActivity(this.ctx.storage.sql, now, days),
      modelHealth: readModelHealth(this.settings, now),
      sandboxAwake: sandbox?.state === "running",
    };
  }

  conversations() {
    return new AgentAdminQueries(this.ctx.storage.sql).conversations();
  }

  conversationHistory(conversationKey: string) {
    return new AgentAdminQueries(this.ctx.storage.sql).history(conversationKey);
  }

  scheduleSummaries(): ScheduleSummary[] {
    return this.personal.reminders.summaries();
  }

  cancelReminder(id: string): Promise<boolean> {
    return this.personal.reminders.cancel(id);
  }

  personModel(): PersonModel {
    return describePersonModel(this.settings, readWorkerConfig(this.env).values);
  }

  /** The admin API's pick; null when the name is not on offer (the route says which are). */
  setPersonModel(name: string | null): PersonModel | null {
    const result = pickModel(this.settings, readWorkerConfig(this.env).values, name);
    return result.ok ? result.model : null;
  }

  setDailyTokenLimit(limit: number | null): UsageReport {
    this.personal.setDailyLimit(limit);
    return this.usageReport();
  }

  /** The person's MCP servers, the operator's brought in step first (admin API and `/mcp`). */
  async mcpServerList(): Promise<McpServerSummary[]> {
    await this.syncOperatorMcpServers();
    return this.personMcp.list();
  }

  /** The admin API's add: the operator may add a server for this person whatever the setting. */
  async addPersonMcpServer(
    body: AddMcpServerBody,
    addedBy: string,
    callbackOrigin: string,
  ): Promise<McpAddResult> {
    return this.personMcp.add({ ...body, scope: "person", addedBy, callbackOrigin }, Date.now());
  }

  async removePersonMcpServer(name: string): Promise<boolean> {
    return this.personMcp.remove(name, "person");
  }

  async testMcpServer(name: string): Promise<McpServerSummary | undefined> {
    await this.syncOperatorMcpServers();
    return this.personMcp.test(name);
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

  /** An admin edit or an import wrote these workspace files to R2: the next turn reads them anew. */
  forgetWorkspaceFiles(paths: string[] | "all"): void {
    this.workspace.forget(paths);
  }

  private async queueInbox(inboxId: string): Promise<void> {
    await this.queue("processInbox", { inboxId }, { id: inboxId });
  }

  private sandbox(): ManagedSandbox {
    this.computer ??= createManagedSandbox(
      this.env,
      this.name,
      sandboxStateStore(this.settings),
      this.workspace,
    );
    return this.computer;
  }

  private async readAttachment(key: string): Promise<Uint8Array> {
    const object = await this.env.WORKSPACES.get(key);
    if (!object) throw new AttachmentGoneError(key);
    return new Uint8Array(await object.arrayBuffer());
  }

  /** The person's model with the fallbacks behind it; each failover is noted for the dashboard. */
  private configuredModel() {
    return choosePersonModel(
      readWorkerConfig(this.env).values,
      this.env.AI,
      readModelPick(this.settings),
      {
        onFailure: (failure) =>
          recordModelFallback(this.settings, this.name, failure.model, failure.error, Date.now()),
      },
    );
  }
}
