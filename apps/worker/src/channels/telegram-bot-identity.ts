import { telegramClient } from "./reply-channel";
import { createResolvedValueCache } from "./resolved-value-cache";

export interface TelegramBotIdentity {
  botId: number | undefined;
  botUsername: string | undefined;
}

/** getMe answers never change for a token, so one answer per isolate is enough. */
const identities = createResolvedValueCache<TelegramBotIdentity>();

/** The bot's own id and username, needed to tell whether a group message addresses it. */
export function telegramBotIdentity(env: Env, token: string): Promise<TelegramBotIdentity> {
  return identities.get(token, async () => {
    const me = await telegramClient(env).getMe();
    return { botId: me.id, botUsername: me.username };
  });
}

/** Bot tokens start with the bot's numeric id, which is enough for private chats. */
export function botIdFromToken(token: string): number | undefined {
  const id = Number(token.split(":")[0]);
  return Number.isSafeInteger(id) ? id : undefined;
}
