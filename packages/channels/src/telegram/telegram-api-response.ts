import { z } from "zod";

/** The envelope of every Bot API answer, checked before anything reads the result. */
export const telegramApiResponseSchema = z.discriminatedUnion("ok", [
  z.looseObject({ ok: z.literal(true), result: z.unknown() }),
  z.looseObject({
    ok: z.literal(false),
    error_code: z.number().int(),
    description: z.string(),
    parameters: z
      .looseObject({
        retry_after: z.number().optional(),
        migrate_to_chat_id: z.number().int().optional(),
      })
      .optional(),
  }),
]);
export type TelegramApiResponse = z.infer<typeof telegramApiResponseSchema>;

export const telegramBotUserSchema = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  username: z.string(),
  can_join_groups: z.boolean().optional(),
  can_read_all_group_messages: z.boolean().optional(),
});
export type TelegramBotUser = z.infer<typeof telegramBotUserSchema>;

export const telegramWebhookInfoSchema = z.looseObject({
  url: z.string(),
  has_custom_certificate: z.boolean(),
  pending_update_count: z.number().int(),
  ip_address: z.string().optional(),
  last_error_date: z.number().int().optional(),
  last_error_message: z.string().optional(),
  last_synchronization_error_date: z.number().int().optional(),
  max_connections: z.number().int().optional(),
  allowed_updates: z.array(z.string()).optional(),
});
export type TelegramWebhookInfo = z.infer<typeof telegramWebhookInfoSchema>;

/** Methods like `setWebhook` answer `true` on success. */
export const telegramTrueSchema = z.literal(true);
