import {
  createTelegramClient,
  type ReplyProgress,
  sendTelegramReply,
  startTypingIndicator,
} from "@molt/channels";
import type { ReplyAddress } from "@molt/contracts";
import { requireTelegramSettings } from "../config/telegram-settings";
import { readWorkerConfig } from "../config/worker-config";
import { AppError } from "../errors";

/** How an agent answers on whatever channel a message came from. */
export interface ReplyChannel {
  deliver(address: ReplyAddress, markdown: string, progress?: ReplyProgress): Promise<void>;
  /** Shows that the agent is working; returns the function that stops it. */
  startTyping(address: ReplyAddress): () => void;
}

export function createReplyChannel(env: Env): ReplyChannel {
  return {
    async deliver(address, markdown, progress) {
      switch (address.channel) {
        case "telegram":
          await sendTelegramReply(telegramClient(env), address, markdown, progress);
          return;
        case "console":
          // The outbox row is the delivery: the console reads it through the API.
          return;
        case "slack":
          throw new AppError("not_configured", "Slack replies are not available yet.");
      }
    },
    startTyping(address) {
      if (address.channel !== "telegram") return () => {};
      return startTypingIndicator(telegramClient(env), address);
    },
  };
}

export function telegramClient(env: Env) {
  const settings = requireTelegramSettings(readWorkerConfig(env));
  return createTelegramClient({
    token: settings.token,
    apiBaseUrl: settings.apiBaseUrl,
    fetch: (input, init) => fetch(input, init),
  });
}
