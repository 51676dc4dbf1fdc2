import {
  createSlackClient,
  createTelegramClient,
  type LivePreview,
  type OutgoingImage,
  postSlackPlaceholder,
  type ReplyProgress,
  type SlackClient,
  sendSlackApprovalQuestion,
  sendSlackReply,
  sendTelegramApprovalQuestion,
  sendTelegramFile,
  sendTelegramReply,
  startTypingIndicator,
  type TelegramClient,
  uploadSlackFile,
} from "@molt/channels";
import type { ReplyAddress } from "@molt/contracts";
import { requireSlackSettings } from "../config/slack-settings";
import { requireTelegramSettings } from "../config/telegram-settings";
import { readWorkerConfig } from "../config/worker-config";
import { type PreviewTurn, startLivePreview } from "./start-live-preview";

/** How an agent answers on whatever channel a message came from. */
export interface ReplyChannel {
  deliver(address: ReplyAddress, markdown: string, progress?: ReplyProgress): Promise<void>;
  /**
   * Sends an approval question with the channel's three answer buttons (Telegram inline
   * keyboard, Slack Block Kit); the console shows its buttons from the outbox row.
   */
  deliverApprovalQuestion(
    address: ReplyAddress,
    markdown: string,
    approvalId: string,
  ): Promise<void>;
  /** Sends an image, or a file of the `kind` it names, with an optional plain-text caption. */
  deliverImage(address: ReplyAddress, image: OutgoingImage): Promise<void>;
  /** Shows that the agent is working; returns the function that stops it. */
  startTyping(address: ReplyAddress): () => void;
  /**
   * Posts a visible "working" message that the reply's first part will replace (Slack, which
   * has no typing indicator for bots); returns its id, or undefined where a channel has none.
   */
  postPlaceholder(address: ReplyAddress): Promise<string | undefined>;
  /** Shows the answer while it is written (`start-live-preview.ts`); undefined where none. */
  startPreview(address: ReplyAddress, turn: PreviewTurn): LivePreview | undefined;
}

/**
 * Sends a notice after the response, without holding it up; a failure is logged, not retried,
 * because these notices (pairing code, approval) are courtesies the person can ask again for.
 */
export function sendNoticeInBackground(
  env: Env,
  ctx: { waitUntil(promise: Promise<unknown>): void },
  address: ReplyAddress,
  text: string,
): void {
  ctx.waitUntil(
    createReplyChannel(env)
      .deliver(address, text)
      .catch((error) => console.warn(`notice to ${address.channel} not sent: ${String(error)}`)),
  );
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
          await sendSlackReply(slackClient(env), address, markdown, progress);
          return;
      }
    },
    async deliverApprovalQuestion(address, markdown, approvalId) {
      switch (address.channel) {
        case "telegram":
          await sendTelegramApprovalQuestion(telegramClient(env), address, markdown, approvalId);
          return;
        case "console":
          return;
        case "slack":
          await sendSlackApprovalQuestion(slackClient(env), address, markdown, approvalId);
          return;
      }
    },
    async deliverImage(address, image) {
      switch (address.channel) {
        case "telegram":
          await sendTelegramFile(telegramClient(env), address, image);
          return;
        case "console":
          // The console shows the caption from the outbox row; it has no image view.
          return;
        case "slack":
          await uploadSlackFile(slackClient(env), {
            channelId: address.chatId,
            threadTs: address.threadId,
            filename: image.fileName,
            bytes: image.bytes,
            contentType: image.contentType ?? "image/png",
            comment: image.caption,
          });
          return;
      }
    },
    startTyping(address) {
      if (address.channel !== "telegram") return () => {};
      return startTypingIndicator(telegramClient(env), address);
    },
    async postPlaceholder(address) {
      if (address.channel !== "slack") return undefined;
      return postSlackPlaceholder(slackClient(env), address);
    },
    startPreview: (address, turn) => startLivePreview(env, address, turn),
  };
}

/** Clients hold no request state, so one per token and API URL serves the whole isolate. */
const telegramClients = new Map<string, TelegramClient>();

export function telegramClient(env: Env): TelegramClient {
  const { token, apiBaseUrl } = requireTelegramSettings(readWorkerConfig(env));
  const key = `${apiBaseUrl} ${token}`;
  let client = telegramClients.get(key);
  if (!client) {
    client = createTelegramClient({
      token,
      apiBaseUrl,
      fetch: (input, init) => fetch(input, init),
    });
    telegramClients.set(key, client);
  }
  return client;
}

const slackClients = new Map<string, SlackClient>();

export function slackClient(env: Env): SlackClient {
  const { token, apiBaseUrl } = requireSlackSettings(readWorkerConfig(env));
  const key = `${apiBaseUrl} ${token}`;
  let client = slackClients.get(key);
  if (!client) {
    client = createSlackClient({ token, apiBaseUrl, fetch: (input, init) => fetch(input, init) });
    slackClients.set(key, client);
  }
  return client;
}
