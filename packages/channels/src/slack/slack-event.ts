import { z } from "zod";

/**
 * The parts of Slack's Events API payloads we read. Objects stay loose (`z.looseObject`) because
 * Slack adds fields over time; only what we act on is required.
 */
export const slackUrlVerificationSchema = z.looseObject({
  type: z.literal("url_verification"),
  challenge: z.string().min(1),
});

/** A file shared with a message (`files` of a `file_share` message or of an `app_mention`). */
export const slackFileSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  title: z.string().optional(),
  mimetype: z.string().optional(),
  filetype: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  url_private: z.string().optional(),
  url_private_download: z.string().optional(),
  /** `slack_audio` for a recorded audio clip, `slack_video` for a video clip. */
  subtype: z.string().optional(),
  original_w: z.number().int().optional(),
  original_h: z.number().int().optional(),
  duration_ms: z.number().int().optional(),
  /** `check_file_info` when the event carries only the id (Slack Connect). */
  file_access: z.string().optional(),
});
export type SlackFile = z.infer<typeof slackFileSchema>;

/** A `message` (with `channel_type`) or `app_mention` event; subtypes carry no `user` at times. */
export const slackMessageEventSchema = z.looseObject({
  type: z.string(),
  subtype: z.string().optional(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  /** Slack Connect: the sender's own workspace, when it differs from ours. */
  user_team: z.string().optional(),
  team: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  event_ts: z.string().optional(),
  files: z.array(slackFileSchema).optional(),
});
export type SlackMessageEvent = z.infer<typeof slackMessageEventSchema>;

export const slackEventCallbackSchema = z.looseObject({
  type: z.literal("event_callback"),
  team_id: z.string().min(1),
  event_id: z.string().min(1),
  event_time: z.number().optional(),
  event: slackMessageEventSchema,
  authorizations: z
    .array(z.looseObject({ user_id: z.string().optional(), is_bot: z.boolean().optional() }))
    .optional(),
});
export type SlackEventCallback = z.infer<typeof slackEventCallbackSchema>;

/** Other envelope types (`app_rate_limited`, ...) are acknowledged and otherwise ignored. */
export const slackOtherEnvelopeSchema = z.looseObject({ type: z.string() });

export const slackEventsRequestSchema = z.union([
  slackUrlVerificationSchema,
  slackEventCallbackSchema,
  slackOtherEnvelopeSchema,
]);
export type SlackEventsRequest = z.infer<typeof slackEventsRequestSchema>;

/** The form fields of a slash command invocation. */
export const slackSlashCommandSchema = z.looseObject({
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  channel_name: z.string().optional(),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  command: z.string().min(1),
  text: z.string().default(""),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});
export type SlackSlashCommand = z.infer<typeof slackSlashCommandSchema>;

/** The bot's own user id, when the envelope says which installation it was delivered for. */
export function botUserIdFromEnvelope(envelope: SlackEventCallback): string | undefined {
  return envelope.authorizations?.find((authorization) => authorization.is_bot)?.user_id;
}
