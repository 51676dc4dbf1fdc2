import type { CommandName, InboundMessage, PersonModel } from "@molt/contracts";
import { type McpCommandPort, mcpCommandReply } from "../mcp/mcp-command";
import type { ModelChoice } from "../model/create-language-model";
import type { AgentStore } from "./agent-store";
import { helpText, statusText, welcomeText } from "./command-replies";
import { modelListText, modelNameOf, modelPickedText } from "./model-replies";
import type { ModelPickResult } from "./person-model";
import type { Personalization } from "./personalization";

/** What a command's handler may use: the message, the agent's state, and its queue. */
export interface CommandContext {
  message: InboundMessage;
  now: number;
  /** For /stop: whether it aborted a running turn or cancelled waiting messages on arrival. */
  stoppedRunning: boolean;
  store: AgentStore;
  personal: Pick<Personalization, "startNewSession" | "compact" | "dailyLimit" | "reminders">;
  chooseModel(): ModelChoice;
  /** This person's model: what is on offer, and their pick (null: the default). */
  models: { describe(): PersonModel; pick(name: string | null): ModelPickResult };
  /** Hands a recorded inbox message (again) to the agent's queue. */
  queueInbox(inboxId: string): Promise<void>;
  /** The reply to `/voice [on|off]`, after storing the choice (`voice/voice-preference.ts`). */
  voice(args: string): string;
  /** The person's MCP servers (`/mcp`). */
  mcp: McpCommandPort;
}

/** The reply to send, or undefined when the command answers some other way (/retry). */
export type CommandHandler = (context: CommandContext) => Promise<string | undefined>;

/**
 * What each command of the catalog (`@molt/contracts` `COMMANDS`) does. Typed by the catalog's
 * names, so adding a command there without a handler here does not compile.
 */
export const COMMAND_HANDLERS: { readonly [Name in CommandName]: CommandHandler } = {
  start: async ({ message }) => welcomeText(message.senderName, message.channel),
  help: async ({ message }) => helpText(message.channel),
  new: async ({ message, now, personal }) => {
    personal.startNewSession(message.conversationKey, now);
    return "Started a fresh session. I won't see our earlier messages in this chat.";
  },
  status: async (context) => statusReply(context),
  model: async ({ message, models }) => {
    const args = message.command?.args.trim() ?? "";
    if (!args) return modelListText(models.describe(), message.channel);
    return modelPickedText(models.pick(modelNameOf(args)), message.channel);
  },
  voice: async ({ message, voice }) => voice(message.command?.args ?? ""),
  mcp: async ({ message, mcp }) =>
    mcpCommandReply(message.command?.args ?? "", mcp, {
      isGroup: message.isGroup,
      sender: message.identity,
    }),
  stop: async ({ stoppedRunning }) =>
    stoppedRunning ? "Stopped." : "Nothing to stop: I wasn't working on anything.",
  compact: async (context) => compactReply(context),
  reminders: async ({ message, personal }) => personal.reminders.listText(message.conversationKey),
  retry: async ({ message, now, store, queueInbox }) => {
    const failedId = store.latestFailed(message.conversationKey);
    if (!failedId) return "Nothing to retry: your last messages were all answered.";
    store.setInboxStatus(failedId, "queued", now);
    await queueInbox(failedId);
    return undefined;
  },
};

function statusReply({ message, now, store, personal, chooseModel }: CommandContext): string {
  const choice = chooseModel();
  const sessionId = store.currentSession(message.conversationKey, now);
  return statusText({
    model: choice.ok ? choice.label : `not usable (${choice.message})`,
    sessionMessages: store.countHistory(sessionId),
    usage: store.usageToday(now),
    dailyLimit: personal.dailyLimit(),
    // The /status message itself is still being handled.
    waiting: Math.max(0, store.countQueued() - 1),
  });
}

async function compactReply({
  message,
  now,
  store,
  personal,
  chooseModel,
}: CommandContext): Promise<string> {
  const choice = chooseModel();
  if (!choice.ok) return `I can't summarize without a model: ${choice.message}`;
  const key = message.conversationKey;
  const sessionId = store.currentSession(key, now);
  const count = await personal.compact(key, sessionId, choice.model, now, true);
  return count > 0
    ? `Compacted ${count} messages: a summary stays in context, and what you said is saved in today's note.`
    : "Nothing to compact yet.";
}
