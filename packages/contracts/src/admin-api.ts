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

/** The largest file the web chat and `pnpm chat` send with a message. */
export const CONSOLE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** A file sent with a console message, as base64 inside the JSON body. */
export const consoleUploadSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    mimeType: z.string().max(255).default("application/octet-stream"),
    dataBase64: z
      .string()
      .max(Math.ceil(CONSOLE_UPLOAD_MAX_BYTES / 3) * 4, "the file is over the 10 MB upload limit")
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "dataBase64 must be base64"),
  })
  .strict();
export type ConsoleUpload = z.infer<typeof consoleUploadSchema>;

export const consoleMessageBodySchema = z
  .object({
    text: z.string().trim().max(16_000).default(""),
    /** Talk to this user's agent; by default the operator's own. */
    userId: userIdSchema.optional(),
    /** A file sent with the message (a picture, a voice recording, a document). */
    attachment: consoleUploadSchema.optional(),
  })
  .strict()
  .refine((body) => body.text !== "" || body.attachment !== undefined, {
    message: "text must not be empty",
    path: ["text"],
  });
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
