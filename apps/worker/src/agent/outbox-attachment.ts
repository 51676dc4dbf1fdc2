import { z } from "zod";

/** A file (an image, a document, a voice note) waiting in the outbox: its bytes live in R2 so the row stays small and durable. */
export const outboxAttachmentSchema = z.object({
  /** R2 key in the WORKSPACES bucket: `users/<userId>/attachments/<id>.png`. */
  key: z.string().min(1),
  fileName: z.string().min(1),
  contentType: z.string().min(1),
  /** How the channel shows it; rows from before files and voice had none and are photos. */
  kind: z.enum(["photo", "document", "voice", "audio"]).optional(),
});
export type OutboxAttachment = z.infer<typeof outboxAttachmentSchema>;

export function attachmentKey(userId: string, id: string, extension: string): string {
  return `users/${userId}/attachments/${id}.${extension}`;
}
