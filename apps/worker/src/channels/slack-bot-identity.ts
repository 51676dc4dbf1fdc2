import type { SlackSettings } from "../config/slack-settings";
import { slackClient } from "./reply-channel";

/** `auth.test` answers never change for a token, so one lookup per isolate is enough. */
const botUserIds = new Map<string, Promise<string>>();

/**
 * The bot's own user id, to drop its own messages and strip mentions of it. Envelopes usually
 * name it in `authorizations`; this is the fallback when they do not.
 */
export function slackBotUserId(env: Env, settings: SlackSettings): Promise<string> {
  const known = botUserIds.get(settings.token);
  if (known) return known;
  const lookup = slackClient(env)
    .authTest()
    .then((answer) => answer.user_id);
  lookup.catch(() => botUserIds.delete(settings.token));
  botUserIds.set(settings.token, lookup);
  return lookup;
}
