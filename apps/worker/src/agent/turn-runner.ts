import { buildSystemPrompt, runAgentTurn, trimHistoryToBudget } from "@molt/agent";
import type { InboundMessage, ReplyAddress } from "@molt/contracts";
import type { ToolSet } from "ai";
import type { TurnAttachment } from "../browser/build-web-tools";
import type { ReplyChannel } from "../channels/reply-channel";
import type { ModelChoice } from "../model/create-language-model";
import { elapsedMs, logEvent } from "../observability/log-event";
import type { AgentSettings } from "./agent-settings";
import type { AgentStore } from "./agent-store";
import { modelFailureText, sandboxNoticeText } from "./command-replies";
import { isHeartbeatMessage, isSilentHeartbeat } from "./heartbeat-runner";
import { recordModelFailure, recordModelSuccess } from "./model-health";
import { fallbackNoteText } from "./model-replies";
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
  channel(): Pick<ReplyChannel, "startTyping" | "postPlaceholder">;
  sandbox(): TurnSandbox;
  buildTools(input: TurnToolsInput): ToolSet;
  deliverPending(): Promise<void>;
  /** Notes for the end of the reply from outside the turn (MCP servers left out). */
  extraNotices?(): string[];
}

type TurnOutcome = "answered" | "silent" | "stopped" | "failed" | "capped" | "no_model";

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
    const outcome = await this.runToOutbox(message);
    logEvent(
      "turn",
      {
        userId: this.options.userId,
        conversationId: message.conversationKey,
        inboxId: message.id,
        channel: message.channel,
        outcome,
        durationMs: elapsedMs(startedAt),
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
    const sandbox = this.options.sandbox();
    sandbox.beginTurn();
    try {
      const sessionId = await personal.sessionForTurn(message, now, model);
      const prepared = await personal.prepareTurn(message, now, sessionId);
      const attachments: TurnAttachment[] = [];
      const result = await runAgentTurn({
        model,
        system: `${buildSystemPrompt({
          now: new Date(now),
          channel: message.channel,
          senderName: message.senderName,
          isGroup: message.isGroup,
        })}\n\n${prepared.system}`,
        history: trimHistoryToBudget(store.loadHistory(sessionId), HISTORY_BUDGET_TOKENS),
        userText: message.text,
        tools: this.options.buildTools({
          message,
          abortSignal: controller.signal,
          personal: prepared.toolSources,
          attachments,
        }),
        abortSignal: controller.signal,
        onTextDelta: this.draftWriter(message),
      });
      // R2 gets the turn's file changes before the turn counts as done.
      const notices = [
        sandboxNoticeText(await sandbox.endTurn()),
        fallbackNoteText(choice.label, choice.failover),
        ...(this.options.extraNotices?.() ?? []),
      ].filter(Boolean);
      const notice = notices.length > 0 ? notices.join("\n\n") : undefined;
      const doneAt = Date.now();
      store.addUsage(doneAt, result.usage.inputTokens, result.usage.outputTokens);
      recordModelSuccess(this.options.settings, doneAt);
      const silent = isSilentHeartbeat(message, result.text);
      if (!silent) {
        store.appendHistory(sessionId, result.newMessages, doneAt);
        const answer = result.text.trim() || "(The model returned an empty answer.)";
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
      return silent ? "silent" : "answered";
    } catch (error) {
      // A failed or stopped turn still keeps the files its tools changed.
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
      // A placeholder must not keep saying "working" about a turn that was stopped.
      if (replyAddress.replaceMessageId) {
        store.enqueueReply(message.id, key, replyAddress, "(Stopped.)", Date.now());
      }
      return "stopped";
    } finally {
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
