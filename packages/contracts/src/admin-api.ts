import { z } from "zod";
import { consoleApprovalSchema } from "./approvals-api";

export const userIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "not a valid user id");

export const pairingCodeSchema = z
  .string()
  .transform((code) => code.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{6}$/, "a pairing code is 6 letters and digits"));

export const approvePairingBodySchema = z
  .object({
    /** Attach the identity to this existing user instead of creating a new one. */
    userId: userIdSchema.optional(),
  })
  .strict();
export type ApprovePairingBody = z.infer<typeof approvePairingBodySchema>;

export const consoleMessageBodySchema = z
  .object({
    text: z.string().trim().min(1, "text must not be empty").max(16_000),
    /** Talk to this user's agent; by default the operator's own. */
    userId: userIdSchema.optional(),
  })
  .strict();
export type ConsoleMessageBody = z.infer<typeof consoleMessageBodySchema>;

export const consoleMessageResultSchema = z.object({
  userId: userIdSchema,
  conversationKey: z.string(),
  messageId: z.string(),
  status: z.enum(["accepted", "duplicate"]),
  /** Replies to this message have a higher `seq` than this. */
  afterSeq: z.number().int(),
});
export type ConsoleMessageResult = z.infer<typeof consoleMessageResultSchema>;

const consoleReplySchema = z.object({
  seq: z.number(),
  text: z.string(),
  createdAt: z.number(),
  /** The reply is an approval question, answered with the chat's buttons. */
  approval: consoleApprovalSchema.optional(),
});

export const consoleRepliesSchema = z.object({
  replies: z.array(consoleReplySchema),
  /** Approval questions of the conversation still waiting for an answer, wherever they are. */
  openQuestions: z.array(consoleReplySchema).optional(),
  waiting: z.number(),
  /** The answer being written right now, before it reaches the outbox (streamed turns). */
  draft: z.string().optional(),
});
export type ConsoleReplies = z.infer<typeof consoleRepliesSchema>;

/** Identities of operators talking through the console, e.g. `console:ops@example.com`. */
export const CONSOLE_IDENTITY_PREFIX = "console:";

/** Every failed API call answers this body; `code` is one of the Worker's error codes. */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
