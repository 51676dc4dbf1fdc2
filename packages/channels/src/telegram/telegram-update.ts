import { z } from "zod";

// Every object is loose: Telegram adds fields in most Bot API releases, and an update we cannot
// fully describe must still parse so that it can be ignored with a reason instead of a 400.

export const telegramUserSchema = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
export type TelegramUser = z.infer<typeof telegramUserSchema>;

export const telegramChatSchema = z.looseObject({
  id: z.number().int(),
  // A plain string, not an enum: a new chat type must not make the whole update unparseable.
  type: z.string(),
  title: z.string().optional(),
  username: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  is_forum: z.boolean().optional(),
});
export type TelegramChat = z.infer<typeof telegramChatSchema>;

export const telegramMessageEntitySchema = z.looseObject({
  type: z.string(),
  /** Offset in UTF-16 code units, which is what JavaScript string indices count. */
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  url: z.string().optional(),
  user: telegramUserSchema.optional(),
  language: z.string().optional(),
});
export type TelegramMessageEntity = z.infer<typeof telegramMessageEntitySchema>;

export const telegramPhotoSizeSchema = z.looseObject({
  file_id: z.string(),
  file_unique_id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  file_size: z.number().int().optional(),
});

export const telegramStickerSchema = z.looseObject({
  file_id: z.string(),
  file_unique_id: z.string(),
  type: z.string().optional(),
  width: z.number().int(),
  height: z.number().int(),
  is_animated: z.boolean().optional(),
  is_video: z.boolean().optional(),
  emoji: z.string().optional(),
  set_name: z.string().optional(),
});

const fileShape = {
  file_id: z.string(),
  file_unique_id: z.string(),
  file_size: z.number().int().optional(),
};

export const telegramVoiceSchema = z.looseObject({
  ...fileShape,
  duration: z.number().int(),
  mime_type: z.string().optional(),
});

export const telegramAudioSchema = z.looseObject({
  ...fileShape,
  duration: z.number().int(),
  performer: z.string().optional(),
  title: z.string().optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});

export const telegramVideoNoteSchema = z.looseObject({
  ...fileShape,
  length: z.number().int(),
  duration: z.number().int(),
});

export const telegramDocumentSchema = z.looseObject({
  ...fileShape,
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});

export const telegramLocationSchema = z.looseObject({
  latitude: z.number(),
  longitude: z.number(),
  horizontal_accuracy: z.number().optional(),
  live_period: z.number().int().optional(),
});

export const telegramVenueSchema = z.looseObject({
  location: telegramLocationSchema,
  title: z.string(),
  address: z.string(),
});

export const telegramContactSchema = z.looseObject({
  phone_number: z.string(),
  first_name: z.string(),
  last_name: z.string().optional(),
  user_id: z.number().int().optional(),
});

export const telegramPollSchema = z.looseObject({
  id: z.string(),
  question: z.string(),
  options: z.array(z.looseObject({ text: z.string(), voter_count: z.number().int() })),
  is_closed: z.boolean().optional(),
  type: z.string().optional(),
  allows_multiple_answers: z.boolean().optional(),
});

const messageShape = {
  message_id: z.number().int(),
  message_thread_id: z.number().int().optional(),
  from: telegramUserSchema.optional(),
  sender_chat: telegramChatSchema.optional(),
  date: z.number().int(),
  chat: telegramChatSchema,
  is_topic_message: z.boolean().optional(),
  text: z.string().optional(),
  entities: z.array(telegramMessageEntitySchema).optional(),
  caption: z.string().optional(),
  caption_entities: z.array(telegramMessageEntitySchema).optional(),
  photo: z.array(telegramPhotoSizeSchema).optional(),
  sticker: telegramStickerSchema.optional(),
  voice: telegramVoiceSchema.optional(),
  audio: telegramAudioSchema.optional(),
  video_note: telegramVideoNoteSchema.optional(),
  document: telegramDocumentSchema.optional(),
  location: telegramLocationSchema.optional(),
  venue: telegramVenueSchema.optional(),
  contact: telegramContactSchema.optional(),
  poll: telegramPollSchema.optional(),
};

/**
 * The message a message replies to. Telegram documents that it never carries its own
 * `reply_to_message`, so one level is enough and the schema needs no recursion.
 */
export const telegramRepliedMessageSchema = z.looseObject(messageShape);
export type TelegramRepliedMessage = z.infer<typeof telegramRepliedMessageSchema>;

export const telegramMessageSchema = z.looseObject({
  ...messageShape,
  reply_to_message: telegramRepliedMessageSchema.optional(),
});
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;

export const telegramCallbackQuerySchema = z.looseObject({
  id: z.string(),
  from: telegramUserSchema,
  // Either a Message or an InaccessibleMessage (date 0): only what both have, and the text.
  message: z
    .looseObject({
      message_id: z.number().int(),
      chat: z.looseObject({ id: z.number().int() }).optional(),
      text: z.string().optional(),
    })
    .optional(),
  chat_instance: z.string(),
  data: z.string().optional(),
});
export type TelegramCallbackQuery = z.infer<typeof telegramCallbackQuerySchema>;

export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().int(),
  message: telegramMessageSchema.optional(),
  edited_message: telegramMessageSchema.optional(),
  channel_post: telegramMessageSchema.optional(),
  edited_channel_post: telegramMessageSchema.optional(),
  callback_query: telegramCallbackQuerySchema.optional(),
});
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
