import type { InboundMessage } from "@molt/contracts";
import { elapsedMs, logEvent } from "../observability/log-event";
import { COMMAND_HANDLERS, type CommandContext } from "./command-registry";

export type CommandDispatcherOptions = Omit<CommandContext, "message" | "now" | "stoppedRunning">;

/** Runs a command message: its handler from the registry, its reply to the outbox. */
export class CommandDispatcher {
  constructor(
    private readonly userId: string,
    private readonly options: CommandDispatcherOptions,
  ) {}

  async dispatch(message: InboundMessage, arrival: { stoppedRunning: boolean }): Promise<void> {
    const { command } = message;
    if (!command) throw new Error(`inbox message ${message.id} is not a command`);
    const startedAt = Date.now();
    const now = startedAt;
    const { store } = this.options;
    const reply = await COMMAND_HANDLERS[command.name]({
      ...this.options,
      message,
      now,
      stoppedRunning: arrival.stoppedRunning,
    });
    if (reply) store.enqueueReply(message.id, message.conversationKey, message.address, reply, now);
    store.setInboxStatus(message.id, "done", now);
    logEvent("turn", {
      userId: this.userId,
      conversationId: message.conversationKey,
      inboxId: message.id,
      channel: message.channel,
      command: command.name,
      outcome: "command",
      durationMs: elapsedMs(startedAt),
    });
  }
}
