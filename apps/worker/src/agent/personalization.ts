import {
  appendMemoryLine,
  buildDailyNotesPrompt,
  buildWorkspacePrompt,
  dailyNotePath,
  ensureWorkspaceTemplates,
  extractNoteLines,
  formatLocalDateTime,
  formatTurnContext,
  KEEP_AFTER_COMPACT_RATIO,
  lastResetBoundary,
  localDate,
  needsCompaction,
  planCompaction,
  readTimeZone,
  renderTranscript,
  summarizeTurns,
  WORKSPACE_FILES,
  type WorkspaceStore,
  zonedParts,
} from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import type { LanguageModel } from "ai";
import { reminderLimitsOf } from "../config/reminder-limits";
import { readWorkerConfig } from "../config/worker-config";
import { AgentSettings } from "./agent-settings";
import type { AgentStore } from "./agent-store";
import { HeartbeatRunner } from "./heartbeat-runner";
import { MemoryIndex } from "./memory-index";
import { ReminderRunner, type ReminderScheduler } from "./reminder-runner";
import type { PersonalToolSources } from "./turn-context";

export interface PersonalizationHost extends ReminderScheduler {
  env: Env;
  userId: string;
  /** The agent's one workspace store (R2 with the prompt's files cached). */
  workspace: WorkspaceStore;
  /**
   * Drops the cached copies of the workspace files, so a new session reads R2 afresh and an edit
   * made in R2 by hand (not through the agent or the admin API) is seen from then on.
   */
  forgetCachedWorkspace?(): void;
  sql: SqlStorage;
  store: AgentStore;
  historyBudgetTokens: number;
}

export interface PreparedTurn {
  /**
   * Appended to the fixed system prompt: time zone, workspace files, session summary. Stable
   * between turns of a session (nothing in it depends on the clock) so providers can cache it.
   */
  system: string;
  /** Sent with the person's message, not stored: time, sender, today's and yesterday's notes. */
  turnContext: string;
  /** What this turn's memory, skill and reminder tools work on (see `TOOL_GROUPS`). */
  toolSources: PersonalToolSources;
}

/**
 * Personalization: what makes a person's agent theirs. Workspace files in the prompt, memory
 * and its search index, sessions that compact and reset, reminders, heartbeats, skills and the
 * daily token cap. The turn runner and the command handlers call it at a few points; everything
 * else about these lives here. (Not an agent of its own: see docs/glossary.md.)
 */
export class Personalization {
  readonly workspace: WorkspaceStore;
  readonly index: MemoryIndex;
  readonly reminders: ReminderRunner;
  readonly heartbeat: HeartbeatRunner;
  private readonly settings: AgentSettings;

  constructor(private readonly host: PersonalizationHost) {
    this.workspace = host.workspace;
    this.index = new MemoryIndex(host.sql, this.workspace);
    this.reminders = new ReminderRunner(host.sql, host.store, host);
    this.settings = new AgentSettings(host.sql);
    this.heartbeat = new HeartbeatRunner({
      store: host.store,
      workspace: this.workspace,
      timeZone: () => this.timeZone(),
      setting: (key) => this.setting(key),
      setSetting: (key, value) => this.setSetting(key, value),
      queueInbox: (inboxId) => host.queueInbox(inboxId),
    });
  }

  /** Writes the templates once, at first contact; later edits and deletions are the person's. */
  async ensureWorkspace(): Promise<void> {
    if (this.setting("workspace_ready")) return;
    await ensureWorkspaceTemplates(this.workspace);
    this.setSetting("workspace_ready", "1");
  }

  async timeZone(): Promise<string> {
    return readTimeZone(await this.workspace.readText(WORKSPACE_FILES.user));
  }

  /** A clear refusal when today's tokens reached `DAILY_TOKEN_LIMIT`, or null to go on. */
  capReachedText(now: number): string | null {
    const limit = this.dailyLimit();
    if (limit === null) return null;
    const usage = this.host.store.usageToday(now);
    const used = usage.inputTokens + usage.outputTokens;
    if (used < limit) return null;
    return `I've used today's token budget (${used} of ${limit} tokens on ${usage.day} UTC), so I'm not calling the model again until tomorrow (UTC). The operator can raise DAILY_TOKEN_LIMIT. Your message is kept: send /retry later.`;
  }

  /** The person's own cap when the operator set one, else `DAILY_TOKEN_LIMIT`; null = none. */
  dailyLimit(): number | null {
    const own = this.setting("daily_token_limit");
    if (own !== null) return own === "none" ? null : Number(own);
    return readWorkerConfig(this.host.env).values.DAILY_TOKEN_LIMIT ?? null;
  }

  setDailyLimit(limit: number | null): void {
    this.setSetting("daily_token_limit", limit === null ? "none" : String(limit));
  }

  /**
   * The session this turn belongs to: a new one after the daily reset hour, and compacted first
   * when its history nears the budget.
   */
  async sessionForTurn(
    message: InboundMessage,
    now: number,
    model: LanguageModel,
  ): Promise<string> {
    const key = message.conversationKey;
    let sessionId = this.host.store.currentSession(key, now);
    const resetHour = readWorkerConfig(this.host.env).values.SESSION_RESET_HOUR;
    if (resetHour !== undefined) {
      const boundary = lastResetBoundary(now, await this.timeZone(), resetHour);
      if (this.host.store.sessionStartedAt(key) < boundary)
        sessionId = this.startNewSession(key, now);
    }
    await this.compact(key, sessionId, model, now, false);
    return sessionId;
  }

  async prepareTurn(
    message: InboundMessage,
    now: number,
    sessionId: string,
  ): Promise<PreparedTurn> {
    await this.ensureWorkspace();
    this.heartbeat.noteOrigin(message);
    const timeZone = await this.timeZone();
    const workspace = await buildWorkspacePrompt({
      store: this.workspace,
      now,
      timeZone,
      isGroup: message.isGroup,
      dailyNotes: false,
    });
    const summary = this.index.sessionSummary(sessionId);
    const system = [
      `The person's time zone is ${timeZone}. Below are your workspace files: keep them current with your tools.`,
      workspace,
      summary ? `## Earlier in this session (summary)\n${summary}` : "",
    ]
      .filter(Boolean)
      .join("\n\n");
    const notes = await buildDailyNotesPrompt({
      store: this.workspace,
      now,
      timeZone,
      isGroup: message.isGroup,
    });
    const turnContext = formatTurnContext([
      `Current time: ${new Date(now).toISOString()} (UTC); the person's local time is ${formatLocalDateTime(now, timeZone)}.`,
      message.senderName ? `Message from ${message.senderName}.` : "",
      notes,
    ]);
    const toolSources: PersonalToolSources = {
      workspace: this.workspace,
      timeZone,
      searchMemory: (query, limit) => this.index.search(query, limit),
      onMemoryFileChanged: (path) => this.index.reindexFile(path),
      forgetInSessions: async (text) => this.index.forgetInSessions(text, Date.now()),
      reminderBook: this.reminders.bookFor(message, reminderLimitsOf(this.host.env)),
    };
    return { system, turnContext, toolSources };
  }

  /**
   * Summarizes older turns of the session. First, without relying on the model, everything the
   * person said in them is saved to today's note; then the model's summary replaces them in the
   * prompt and is indexed for search. `force` (/compact) summarizes the whole session.
   */
  async compact(
    conversationKey: string,
    sessionId: string,
    model: LanguageModel,
    now: number,
    force: boolean,
  ): Promise<number> {
    const history = this.host.store.loadHistory(sessionId);
    const budget = this.host.historyBudgetTokens;
    if (!force && !needsCompaction(history, budget)) return 0;
    const { older } = planCompaction(history, force ? 0 : budget * KEEP_AFTER_COMPACT_RATIO);
    if (older.length === 0) return 0;
    const timeZone = await this.timeZone();
    const lines = extractNoteLines(older);
    if (lines.length > 0) {
      const day = localDate(now, timeZone);
      const path = dailyNotePath(day);
      const p = zonedParts(now, timeZone);
      const stamp = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
      await appendMemoryLine(
        this.workspace,
        path,
        [`- ${stamp} saved before compacting:`, ...lines].join("\n"),
        day,
      );
      await this.index.reindexFile(path);
    }
    const summary = await summarizeTurns(model, older, this.index.sessionSummary(sessionId));
    this.host.store.addUsage(now, summary.usage.inputTokens, summary.usage.outputTokens, false);
    this.index.recordSession(sessionId, conversationKey, summary.text, now);
    this.host.store.deleteOldestHistory(sessionId, older.length);
    return older.length;
  }

  /** /new and the daily reset: the ending session stays searchable, then a fresh one starts. */
  startNewSession(conversationKey: string, now: number): string {
    this.host.forgetCachedWorkspace?.();
    const oldId = this.host.store.currentSession(conversationKey, now);
    const history = this.host.store.loadHistory(oldId);
    if (history.length > 0) {
      const earlier = this.index.sessionSummary(oldId);
      const record = [earlier, renderTranscript(history)].filter(Boolean).join("\n");
      this.index.recordSession(oldId, conversationKey, record, now);
    }
    return this.host.store.startSession(conversationKey, now);
  }

  setting(key: string): string | null {
    return this.settings.text(key);
  }

  setSetting(key: string, value: string): void {
    this.settings.setText(key, value);
  }
}
