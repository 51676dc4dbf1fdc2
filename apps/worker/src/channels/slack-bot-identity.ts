import type { SlackSettings } from "../config/slack-settings";
import { slackClient } from "./reply-channel";
import { createResolvedValueCache } from "./resolved-value-cache";

/** `auth.test` answers never change for a token, so one answer per isolate is enough. */
const botUserIds = createResolvedValueCache<string>();

/**
 * The bot's own user id, to drop its own messages and strip mentions of it. Envelopes usually
 * name it in `authorizations`; this is the fallback when they do not.
 */
export function slackBotUserId(env: Env, settings: SlackSettings): Promise<string> {
  return botUserIds.get(settings.token, async () => (await slackClient(env).authTest()).user_id);
}
