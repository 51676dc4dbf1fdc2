import {
  type LivePreview,
  startSlackLivePreview,
  startTelegramDraftPreview,
  telegramDraftId,
} from "@molt/channels";
import type { ReplyAddress } from "@molt/contracts";
import { slackClient, telegramClient } from "./reply-channel";

/** Which turn a preview belongs to: its draft id comes from it, and groups get none. */
export interface PreviewTurn {
  inboxId: string;
  isGroup: boolean;
}

/**
 * The live preview of an answer on the channel the message came from: a Telegram draft in a
 * private chat, the Slack placeholder updated in place. Telegram groups and the console get
 * none (the console polls its own draft); neither does a Slack turn whose placeholder could
 * not be posted.
 */
export function startLivePreview(
  env: Env,
  address: ReplyAddress,
  turn: PreviewTurn,
): LivePreview | undefined {
  switch (address.channel) {
    case "telegram":
      if (turn.isGroup) return undefined;
      return startTelegramDraftPreview(telegramClient(env), address, telegramDraftId(turn.inboxId));
    case "slack":
      return startSlackLivePreview(slackClient(env), address);
    case "console":
      return undefined;
  }
}
