import { z } from "zod";

/**
 * Who a channel identity is, as the channel knows it: the account id the channel vouches for,
 * not the display name its owner chose. `link` opens that account in the channel's own app, so
 * the operator can see who is asking before approving or linking them.
 */
export const channelIdentitySchema = z.object({
  channel: z.enum(["telegram", "slack", "console", "other"]),
  accountId: z.string(),
  workspaceId: z.string().optional(),
  label: z.string(),
  link: z.string().optional(),
});
export type ChannelIdentity = z.infer<typeof channelIdentitySchema>;

/** Describes `telegram:<id>`, `slack:<team>:<user>` or `console:<email>` for an operator. */
export function describeChannelIdentity(identity: string): ChannelIdentity {
  const [channel, first = "", second] = identity.split(":");
  if (channel === "telegram" && /^\d+$/.test(first)) {
    return {
      channel,
      accountId: first,
      label: `Telegram account ${first}`,
      link: `tg://user?id=${first}`,
    };
  }
  if (channel === "slack" && first && second) {
    return {
      channel,
      accountId: second,
      workspaceId: first,
      label: `Slack user ${second} in workspace ${first}`,
      link: `slack://user?team=${encodeURIComponent(first)}&id=${encodeURIComponent(second)}`,
    };
  }
  if (channel === "console" && first) {
    const email = identity.slice("console:".length);
    return { channel, accountId: email, label: `Admin console (${email})` };
  }
  return { channel: "other", accountId: identity, label: identity };
}
