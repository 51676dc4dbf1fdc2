import { z } from "zod";

/** An image waiting in the outbox: its bytes live in R2 so the row stays small and durable. */
export const outboxAttachmentSchema = z.object({
  /** R2 key in the WORKSPACES bucket: `users/<userId>/attachments/<id>.png`. */
  key: z.string().min(1),
  fileName: z.string().min(1),
  contentType: z.string().min(1),
});
export type OutboxAttachment = z.infer<typeof outboxAttachmentSchema>;

export function attachmentKey(userId: string, id: string, extension: string): string {
  return `users/${userId}/attachments/${id}.${extension}`;
}
