import { buildSystemPrompt, runAgentTurn, trimHistoryToBudget } from "@molt/agent";
import type { InboundMessage, ReplyAddress } from "@molt/contracts";
import type { ApprovalDesk } from "../approvals/approval-desk";
import type { TurnAttachment } from "../browser/build-web-tools";
import type { ReplyChannel } from "../channels/reply-channel";
import { mediaNoticeText, type PrepareMediaTurn, withTranscriptQuote } from "../media/media-turn";
import type { ModelChoice } from "../model/create-language-model";
import { elapsedMs, logEvent } from "../observability/log-event";
import type { AgentSettings } from "./agent-settings";
import type { AgentStore } from "./agent-store";
import { AnswerStream } from "./answer-stream";
import { modelFailureText, sandboxNoticeText } from "./command-replies";
import { isHeartbeatMessage, isSilentHeartbeat } from "./heartbeat-runner";
import { recordModelFailure, recordModelSuccess } from "./model-health";
import { fallbackNoteText } from "./model-replies";
import type { TurnTools } from "./offered-turn-tools";
import type { Personalization } from "./personalization";
import type { PersonalToolSources } from "./turn-context";

/** History sent to the model is cut to this many estimated tokens, newest first. */
export const HISTORY_BUDGET_TOKENS = 24_000;

/** The person's computer as a turn sees it: bracketed, so R2 gets its changes at the end. */
export interface TurnSandbox {
  beginTurn(): void;
  endTurn(): Promise<{ interrupted: boolean; syncError?: string }>;
}

/** What the tools of one turn are built from (the rest comes from the UserAgent's bindings). */
export interface TurnToolsInput {
  message: InboundMessage;
  /** The session the turn belongs to: the toolsets it turned on stay on for it. */
  sessionId: string;
  abortSignal: AbortSignal;
  personal: PersonalToolSources;
  attachments: TurnAttachment[];
}

export interface TurnRunnerOptions {
  userId: string;
  store: AgentStore;
  /** Where a turn's "working" placeholder id is kept, so a re-run after a crash reuses it. */
  settings: AgentSettings;
  personal: Pick<Personalization, "capReachedText" | "sessionForTurn" | "prepareTurn">;
  chooseModel(): ModelChoice;
  channel(): Pick<ReplyChannel, "startTyping" | "postPlaceholder"> &
    Partial<Pick<ReplyChannel, "startPreview">>;
  sandbox(): TurnSandbox;
  buildTools(input: TurnToolsInput): TurnTools;
  deliverPending(): Promise<void>;
  /** R2 calls made so far by the agent's workspace store; the turn log counts its own. */
  r2Operations?(): number;
  /** A voice note to send with the answer (the person spoke by voice), or undefined. */
  voiceReply?(message: InboundMessage, answer: string): Promise<TurnAttachment | undefined>;
  /** Which tool calls wait for the person's yes; where a paused turn is kept and resumed. */
  approvals: Pick<ApprovalDesk, "gate" | "resumeFrom" | "pause" | "finish">;
  /** Fetches and reads the files a message carries, for a model by its label. */
  prepareMedia?(
    message: InboundMessage,
    modelLabel: string,
    signal: AbortSignal,
  ): ReturnType<PrepareMediaTurn>;
  /** Notes for the end of the reply from outside the turn (MCP servers left out). */
  extraNotices?(): string[];
}

type TurnOutcome =
  | "answered"
  | "silent"
  | "stopped"
  | "failed"
  | "capped"
  | "no_model"
  | "awaiting_approval";

/**
 * Runs agent turns: one inbox message through the model and its tools, to a reply in the
 * outbox. It keeps the turns in flight (so /stop can abort one) and the answer streamed so far
 * per console conversation (the web chat's draft).
 */
export class TurnRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly drafts = new Map<string, string>();

  constructor(private readonly options: TurnRunnerOptions) {}

  /** Aborts the conversation's running turn; false when none was running. */
  stop(conversationKey: string): boolean {
    const turn = this.running.get(conversationKey);
    turn?.abort(new Error("stopped by the user"));
    return turn !== undefined;
  }

  /** The text a console turn has streamed so far, while it runs. */
  draft(conversationKey: string): string | undefined {
    return this.drafts.get(conversationKey);
  }

  async run(message: InboundMessage): Promise<void> {
    const startedAt = Date.now();
    const r2Before = this.options.r2Operations?.();
    const outcome = await this.runToOutbox(message);
    const r2After = this.options.r2Operations?.();
    logEvent(
      "turn",
      {
        userId: this.options.userId,
        conversationId: message.conversationKey,
        inboxId: message.id,
        channel: message.channel,
        outcome,
        durationMs: elapsedMs(startedAt),
        ...(r2Before !== undefined && r2After !== undefined ? { r2Ops: r2After - r2Before } : {}),
      },
      outcome === "failed" || outcome === "no_model" ? "warn" : "info",
    );
    await this.options.deliverPending();
  }

  private async runToOutbox(message: InboundMessage): Promise<TurnOutcome> {
    const { store } = this.options;
    const now = Date.now();
    const choice = this.options.chooseModel();
    if (!choice.ok) {
      this.finishFailed(message, `the model is not configured: ${choice.message}`);
      return "no_model";
    }
    const capped = this.options.personal.capReachedText(now);
    if (capped) {
      // A capped heartbeat just skips: no notice every interval, nothing for /retry.
      if (isHeartbeatMessage(message)) {
        store.setInboxStatus(message.id, "done", now);
        return "capped";
      }
      store.setInboxStatus(message.id, "failed", now, "daily token cap reached");
      store.enqueueReply(message.id, message.conversationKey, message.address, capped, now);
      return "capped";
    }
    return this.runModel(message, choice, now);
  }

  private async runModel(
    message: InboundMessage,
    choice: Extract<ModelChoice, { ok: true }>,
    now: number,
  ): Promise<TurnOutcome> {
    const { store, personal } = this.options;
    const { model } = choice;
    const key = message.conversationKey;
    const controller = new AbortController();
    this.running.set(key, controller);
    const stopTyping = this.options.channel().startTyping(message.address);
    const replyAddress = await this.placeholderAddress(message);
    const stream = this.answerStream(message, replyAddress);
    const sandbox = this.options.sandbox();
    sandbox.beginTurn();
    try {
      // A turn paused for approval resumes in its own session, from its stored messages.
      const paused = this.options.approvals.resumeFrom(message.id);
      const sessionId = paused?.sessionId ?? (await personal.sessionForTurn(message, now, model));
      const prepared = await personal.prepareTurn(message, now, sessionId);
      const attachments: TurnAttachment[] = [];
      const media = await this.options.prepareMedia?.(message, choice.label, controller.signal);
      const turnTools = this.options.buildTools({
        message,
        sessionId,
        abortSignal: controller.signal,
        personal: prepared.toolSources,
        attachments,
      });
      const result = await runAgentTurn({
        model,
        system: `${buildSystemPrompt({
          channel: message.channel,
          isGroup: message.isGroup,
        })}\n\n${prepared.system}`,
        turnContext: prepared.turnContext,
        history: trimHistoryToBudget(store.loadHistory(sessionId), HISTORY_BUDGET_TOKENS),
        userText: message.text,
        continueFrom: paused?.messages,
        tools: turnTools.tools,
        toolOffer: turnTools.offer,
        toolApproval: this.options.approvals.gate(sessionId, turnTools.tools),
        ...(media ? { userContent: media.content, historyUserContent: media.historyContent } : {}),
        abortSignal: controller.signal,
        ...this.streamListeners(message, stream),
      });
      if (result.pendingApprovals.length > 0) {
        // The turn ends here; the person's answer queues it again (approval-desk.ts). No
        // preview may land on top of the question.
        await stream.close();
        await sandbox.endTurn();
        // Counted as a turn when it finishes, not at each pause.
        const { inputTokens, outputTokens, cachedInputTokens } = result.usage;
        store.addUsage(Date.now(), inputTokens, outputTokens, false, cachedInputTokens);
        await this.options.approvals.pause({
          message,
          sessionId,
          messages: result.newMessages,
          requests: result.pendingApprovals,
          address: replyAddress,
          now: Date.now(),
        });
        return "awaiting_approval";
      }
      // R2 gets the turn's file changes before the turn counts as done.
      const notices = [
        sandboxNoticeText(await sandbox.endTurn()),
        fallbackNoteText(choice.label, choice.failover),
        mediaNoticeText(media),
        ...(this.options.extraNotices?.() ?? []),
      ].filter(Boolean);
      const notice = notices.length > 0 ? notices.join("\n\n") : undefined;
      const silent = isSilentHeartbeat(message, result.text);
      // No preview may land after (and on top of) the answer. This and the voice note are the
      // last waits: from here to the outbox the turn's writes happen in one synchronous step.
      await stream.close();
      const voice = silent
        ? undefined
        : await this.options.voiceReply?.(message, result.text.trim());
      if (voice) attachments.push(voice);
      const doneAt = Date.now();
      const { inputTokens, outputTokens, cachedInputTokens } = result.usage;
      store.addUsage(doneAt, inputTokens, outputTokens, true, cachedInputTokens);
      recordModelSuccess(this.options.settings, doneAt);
      if (!silent) {
        store.appendHistory(sessionId, result.newMessages, doneAt);
        const answer = withTranscriptQuote(
          media,
          result.text.trim() || "(The model returned an empty answer.)",
        );
        this.queueAnswer(
          message,
          replyAddress,
          attachments,
          notice ? `${answer}\n\n${notice}` : answer,
        );
      } else if (replyAddress.replaceMessageId) {
        // A "working" placeholder must not stay up after a heartbeat with nothing to say.
        store.enqueueReply(message.id, key, replyAddress, "(Nothing new.)", doneAt);
      }
      store.setInboxStatus(message.id, "done", doneAt);
      this.options.approvals.finish(message.id);
      return silent ? "silent" : "answered";
    } catch (error) {
      // A failed or stopped turn still keeps the files its tools changed; a retry starts over
      // from the person's message (and asks again), never from answers given to this run.
      this.options.approvals.finish(message.id);
      await sandbox.endTurn();
      if (!controller.signal.aborted) {
        const reason = recordModelFailure(
          this.options.settings,
          this.options.userId,
          error,
          Date.now(),
          choice.failover?.lastTried ?? choice.label,
        );
        this.finishFailed(message, reason, replyAddress);
        return "failed";
      }
      store.setInboxStatus(message.id, "stopped", Date.now());
      await stream.close();
      // What the person watched being written stays, marked; a placeholder must not keep
      // saying "working" about a turn that was stopped.
      const partial = stream.live ? stream.stoppedText() : undefined;
      if (partial || replyAddress.replaceMessageId) {
        store.enqueueReply(message.id, key, replyAddress, partial ?? "(Stopped.)", Date.now());
      }
      return "stopped";
    } finally {
      await stream.close();
      stopTyping();
      this.running.delete(key);
      this.drafts.delete(key);
      this.options.settings.delete(placeholderKey(message.id));
    }
  }

  /** Images first, then the words that talk about them; all queued in one synchronous step. */
  private queueAnswer(
    message: InboundMessage,
    replyAddress: ReplyAddress,
    attachments: TurnAttachment[],
    text: string,
  ): void {
    const { store } = this.options;
    const now = Date.now();
    const key = message.conversationKey;
    for (const { caption, ...attachment } of attachments) {
      store.enqueueReply(message.id, key, message.address, caption ?? "", now, attachment);
    }
    store.enqueueReply(message.id, key, replyAddress, text, now);
  }

  private finishFailed(
    message: InboundMessage,
    reason: string,
    address: ReplyAddress = message.address,
  ): void {
    const now = Date.now();
    const { store } = this.options;
    store.setInboxStatus(message.id, "failed", now, reason);
    const text = modelFailureText(reason, message.channel);
    store.enqueueReply(message.id, message.conversationKey, address, text, now);
  }

  /**
   * Where this turn's reply goes: on channels with a "working" placeholder, the placeholder it
   * replaces. Its id is stored before the model runs, so a turn re-run after a crash reuses it
   * instead of posting a second one; a placeholder that cannot be posted is simply skipped.
   */
  private async placeholderAddress(message: InboundMessage): Promise<ReplyAddress> {
    const key = placeholderKey(message.id);
    const { settings } = this.options;
    let placeholderId = settings.text(key) ?? undefined;
    if (placeholderId === undefined) {
      placeholderId = await this.options
        .channel()
        .postPlaceholder(message.address)
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.name : "unknown";
          logEvent(
            "turn",
            { userId: this.options.userId, inboxId: message.id, placeholder: "not_posted", reason },
            "warn",
          );
          return undefined;
        });
      if (placeholderId !== undefined) settings.setText(key, placeholderId);
    }
    return placeholderId === undefined
      ? message.address
      : { ...message.address, replaceMessageId: placeholderId };
  }

  /** A live preview where the channel has one (Telegram private chats, Slack placeholders). */
  private answerStream(message: InboundMessage, replyAddress: ReplyAddress): AnswerStream {
    // A heartbeat's answer is often "nothing to say": it must not flash a draft first.
    if (isHeartbeatMessage(message)) return new AnswerStream(undefined);
    const preview = this.options
      .channel()
      .startPreview?.(replyAddress, { inboxId: message.id, isGroup: message.isGroup });
    return new AnswerStream(preview);
  }

  /** Streams the model only when someone watches: a console draft or a live preview. */
  private streamListeners(
    message: InboundMessage,
    stream: AnswerStream,
  ): {
    onTextDelta?: (delta: string) => void;
    onToolCall?: (name: string, input: unknown) => void;
  } {
    const draft = this.draftWriter(message);
    if (!stream.live) return draft ? { onTextDelta: draft } : {};
    return {
      onTextDelta: (delta) => {
        draft?.(delta);
        stream.onTextDelta(delta);
      },
      onToolCall: stream.onToolCall,
    };
  }

  /** Console turns stream into a draft the web chat polls; other channels send whole replies. */
  private draftWriter(message: InboundMessage): ((delta: string) => void) | undefined {
    if (message.channel !== "console") return undefined;
    const key = message.conversationKey;
    this.drafts.set(key, "");
    return (delta) => this.drafts.set(key, (this.drafts.get(key) ?? "") + delta);
  }
}

export function placeholderKey(inboxId: string): string {
  return `placeholder:${inboxId}`;
}
