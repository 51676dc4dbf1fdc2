import { z } from "zod";
import { userIdSchema } from "./admin-api";

/** `GET /api/me`: the verified Access identity the admin UI shows in its header. */
export const adminIdentitySchema = z.object({ email: z.string(), devMode: z.boolean() });
export type AdminIdentity = z.infer<typeof adminIdentitySchema>;

/** What a user's agent tells about its recent work, for the users table. */
export const userActivitySchema = z.object({
  lastActivityAt: z.number().nullable(),
  messagesToday: z.number().int(),
  inputTokensToday: z.number().int(),
  outputTokensToday: z.number().int(),
});
export type UserActivity = z.infer<typeof userActivitySchema>;

/** A user as the directory knows them: the id and every channel identity linked to it. */
export const userSummarySchema = z.object({
  userId: userIdSchema,
  displayName: z.string().nullable(),
  createdAt: z.number(),
  identities: z.array(z.string()),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** `GET /api/users`: every user with identities and today's activity. */
export const userOverviewSchema = userSummarySchema.extend({
  activity: userActivitySchema.nullable(),
});
export type UserOverview = z.infer<typeof userOverviewSchema>;
export const usersOverviewSchema = z.object({ users: z.array(userOverviewSchema) });
export type UsersOverview = z.infer<typeof usersOverviewSchema>;

/** `GET /api/users/{userId}/conversations`: one row per chat (or forum topic) the agent knows. */
export const conversationSummarySchema = z.object({
  conversationKey: z.string(),
  channel: z.string(),
  messages: z.number().int(),
  lastMessageAt: z.number().nullable(),
  sessionStartedAt: z.number().nullable(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;
export const conversationListSchema = z.object({
  conversations: z.array(conversationSummarySchema),
});
export type ConversationList = z.infer<typeof conversationListSchema>;

export const historyEntrySchema = z.object({
  role: z.string(),
  text: z.string(),
  createdAt: z.number(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** `GET /api/users/{userId}/conversations/history?key=`: the stored history, session by session. */
export const conversationHistorySchema = z.object({
  conversationKey: z.string(),
  sessions: z.array(z.object({ sessionId: z.string(), entries: z.array(historyEntrySchema) })),
});
export type ConversationHistory = z.infer<typeof conversationHistorySchema>;

/** One admin action, as `GET /api/audit` lists them (newest first). */
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  /** The verified Access email (`dev@localhost` in DEV_MODE). */
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditLogSchema = z.object({ entries: z.array(auditEntrySchema) });

/** `GET /api/telegram/webhook`: Telegram's `getWebhookInfo`, reduced to what the dashboard shows. */
export const webhookStatusSchema = z.object({
  url: z.string(),
  pendingUpdates: z.number().int(),
  lastErrorAt: z.number().nullable(),
  lastErrorMessage: z.string().nullable(),
});
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;
