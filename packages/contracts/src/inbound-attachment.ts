import { z } from "zod";

/** The kinds of file a person can send that reach the agent as files (not as a description). */
export const attachmentKindSchema = z.enum(["image", "voice", "audio", "video_note", "document"]);
export type AttachmentKind = z.infer<typeof attachmentKindSchema>;

/**
 * Where the channel keeps the file. Only a reference travels with the message: the webhook
 * stays fast, and the bytes are fetched when the turn runs.
 */
export const attachmentSourceSchema = z.discriminatedUnion("channel", [
  z.object({
    channel: z.literal("telegram"),
    /** For `getFile`; valid for at least an hour, and a new one can be asked for later. */
    fileId: z.string().min(1),
    fileUniqueId: z.string().optional(),
  }),
  z.object({
    channel: z.literal("slack"),
    fileId: z.string().min(1),
    /** Downloaded with the bot token (`Authorization: Bearer`). */
    urlPrivate: z.string().url(),
  }),
  z.object({
    channel: z.literal("console"),
    /** Where the admin web chat or `pnpm chat` stored the upload in the WORKSPACES bucket. */
    uploadKey: z.string().min(1),
  }),
]);
export type AttachmentSource = z.infer<typeof attachmentSourceSchema>;

/** A file that came with an inbound message, as the channel declared it. */
export const inboundAttachmentSchema = z.object({
  kind: attachmentKindSchema,
  source: attachmentSourceSchema,
  /** The sender's file name when the channel gives one (documents, audio); else undefined. */
  fileName: z.string().max(255).optional(),
  mimeType: z.string().max(255).optional(),
  /** The size the channel declared, in bytes; checked again while downloading. */
  size: z.number().int().nonnegative().optional(),
  durationSeconds: z.number().nonnegative().optional(),
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
});
export type InboundAttachment = z.infer<typeof inboundAttachmentSchema>;

/** Several photos can arrive as one message (a Slack post with files); more are refused. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
