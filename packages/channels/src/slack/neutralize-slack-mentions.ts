/**
 * Slack's special mentions: `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^S…>`, `<@U…>`
 * (and any other `<!…>` command). In a reply they are written by the model, which may be
 * repeating a hostile page, so none may notify anyone.
 */
const SPECIAL_MENTION = /<([!@][^<>]*)>/g;
/** `@channel` typed as text: Slack links it when it parses the message the way its client does. */
const BARE_BROADCAST = /@(channel|here|everyone)\b/gi;
/** Keeps the word readable while no longer matching Slack's keyword. */
const WORD_JOINER = "\u2060";

/** Turns every special mention into visible text that notifies nobody. */
export function neutralizeSlackMentions(mrkdwn: string): string {
  return mrkdwn
    .replace(SPECIAL_MENTION, (_, inner: string) => `&lt;${inner}&gt;`)
    .replace(BARE_BROADCAST, (_, word: string) => `@${WORD_JOINER}${word}`);
}
