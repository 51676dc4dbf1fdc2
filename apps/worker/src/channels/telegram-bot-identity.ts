import { telegramClient } from "./reply-channel";

export interface TelegramBotIdentity {
  botId: number | undefined;
  botUsername: string | undefined;
}

/** getMe answers never change for a token, so one lookup per isolate is enough. */
const identities = new Map<string, Promise<TelegramBotIdentity>>();

/** The bot's own id and username, needed to tell whether a group message addresses it. */
export function telegramBotIdentity(env: Env, token: string): Promise<TelegramBotIdentity> {
  const known = identities.get(token);
  if (known) return known;
  const lookup = telegramClient(env)
    .getMe()
    .then((me) => ({ botId: me.id, botUsername: me.username }));
  lookup.catch(() => identities.delete(token));
  identities.set(token, lookup);
  return lookup;
}

/** Bot tokens start with the bot's numeric id, which is enough for private chats. */
export function botIdFromToken(token: string): number | undefined {
  const id = Number(token.split(":")[0]);
  return Number.isSafeInteger(id) ? id : undefined;
}
