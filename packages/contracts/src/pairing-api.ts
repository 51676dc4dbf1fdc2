import { z } from "zod";
import { channelIdentitySchema } from "./channel-identity";

/** A stranger waiting for approval (or denied), as `GET /api/pairing` lists them. */
export const pairingRequestSchema = z.object({
  code: z.string(),
  identity: z.string(),
  senderName: z.string().nullable(),
  /** The account behind the request, as the channel knows it: what the operator approves. */
  channelIdentity: channelIdentitySchema,
  status: z.enum(["pending", "denied"]),
  createdAt: z.number(),
  lastSeenAt: z.number(),
});
export type PairingRequest = z.infer<typeof pairingRequestSchema>;

/** `GET /api/pairing`. */
export const pairingRequestListSchema = z.object({ requests: z.array(pairingRequestSchema) });
export type PairingRequestList = z.infer<typeof pairingRequestListSchema>;

/** `POST /api/pairing/{code}/approve`: the user the identity now belongs to. */
export const approvePairingResultSchema = z.object({ userId: z.string(), identity: z.string() });
export type ApprovePairingResult = z.infer<typeof approvePairingResultSchema>;

/** `POST /api/pairing/{code}/deny`. */
export const denyPairingResultSchema = z.object({ denied: z.string() });
export type DenyPairingResult = z.infer<typeof denyPairingResultSchema>;

/** `DELETE /api/identities/{identity}`. */
export const revokeIdentityResultSchema = z.object({ revoked: z.string() });
export type RevokeIdentityResult = z.infer<typeof revokeIdentityResultSchema>;
