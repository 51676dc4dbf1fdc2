import { z } from "zod";
import { commandNameSchema } from "./command-catalog";
import { inboundAttachmentSchema, MAX_ATTACHMENTS_PER_MESSAGE } from "./inbound-attachment";

export const channelSchema = z.enum(["telegram", "slack", "console"]);
export type Channel = z.infer<typeof channelSchema>;

/** Where a reply goes: enough for a channel adapter to answer in the same chat and topic. */
export const replyAddressSchema = z.object({
  channel: channelSchema,
  chatId: z.string().min(1),
  /** Telegram forum topic (`message_thread_id`) or Slack `thread_ts`. */
  threadId: z.string().optional(),
  /** The inbound message to reply to, when the channel threads replies that way. */
  replyToMessageId: z.string().optional(),
  /** Slack workspace (`T…`) the conversation lives in. */
  teamId: z.string().optional(),
  /**
   * A message already posted in the conversation (Slack's "Working on it…" placeholder, by its
   * `ts`) that the first part of the reply replaces instead of being posted anew.
   */
  replaceMessageId: z.string().optional(),
  /**
   * Links the person wrote in the message this answers. Only these may get a link preview: a
   * link the model wrote could carry data in its query, and a preview fetches it unclicked.
   */
  linksFromSender: z.array(z.string()).max(10).optional(),
});
export type ReplyAddress = z.infer<typeof replyAddressSchema>;

/**
 * A channel-neutral inbound message. Every channel adapter normalizes to this shape before the
 * Worker hands it to a user's agent.
 */
export const inboundMessageSchema = z.object({
  /** Dedupe key, unique per channel delivery, e.g. `telegram:update:123`. */
  id: z.string().min(1),
  channel: channelSchema,
  /** Channel identity of the sender, e.g. `telegram:42` or `slack:T1:U1`. */
  identity: z.string().min(1),
  senderName: z.string().optional(),
  /** Stable key of the conversation the turn belongs to (chat + topic). */
  conversationKey: z.string().min(1),
  isGroup: z.boolean(),
  address: replyAddressSchema,
  text: z.string(),
  command: z.object({ name: commandNameSchema, args: z.string() }).optional(),
  /** Files that came with the message (photos, voice notes, documents), fetched when the turn runs. */
  attachments: z.array(inboundAttachmentSchema).max(MAX_ATTACHMENTS_PER_MESSAGE).optional(),
  receivedAt: z.number().int(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;
