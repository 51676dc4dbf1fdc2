import { parseCommandText } from "@molt/channels";
import { CONSOLE_IDENTITY_PREFIX, type InboundMessage } from "@molt/contracts";

/**
 * A console (web chat, `pnpm chat`) message from the signed-in operator. Each operator has one
 * private conversation, keyed by their console identity, with whichever agent they talk to.
 */
export function consoleInboundMessage(email: string, text: string, now: number): InboundMessage {
  const identity = `${CONSOLE_IDENTITY_PREFIX}${email}`;
  return {
    id: `console:${crypto.randomUUID()}`,
    channel: "console",
    identity,
    senderName: email,
    conversationKey: identity,
    isGroup: false,
    address: { channel: "console", chatId: email },
    text,
    command: parseCommandText(text),
    receivedAt: now,
  };
}
