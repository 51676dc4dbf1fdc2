import { channelIdentitySchema } from "@molt/contracts";
import { z } from "zod";

// Responses of the admin API that @molt/contracts does not describe yet.

export const healthSchema = z.object({ ok: z.boolean(), version: z.string() });
export type Health = z.infer<typeof healthSchema>;

export const configCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
  /** Exact `wrangler secret put NAME` commands for what is missing. */
  fix: z.array(z.string()).optional(),
});
export type ConfigCheck = z.infer<typeof configCheckSchema>;

export const adminConfigSchema = z.object({
  admin: z.string(),
  devMode: z.boolean(),
  checks: z.array(configCheckSchema),
});
export type AdminConfig = z.infer<typeof adminConfigSchema>;

export const pairingRequestSchema = z.object({
  code: z.string(),
  identity: z.string(),
  senderName: z.string().nullable(),
  channelIdentity: channelIdentitySchema,
  status: z.enum(["pending", "denied"]),
  createdAt: z.number(),
  lastSeenAt: z.number(),
});
export type PairingRequest = z.infer<typeof pairingRequestSchema>;

export const pairingRequestsSchema = z.object({ requests: z.array(pairingRequestSchema) });

export const approvePairingResultSchema = z.object({ userId: z.string(), identity: z.string() });
export type ApprovePairingResult = z.infer<typeof approvePairingResultSchema>;

export const denyPairingResultSchema = z.object({ denied: z.string() });

export const userSummarySchema = z.object({
  userId: z.string(),
  displayName: z.string().nullable(),
  createdAt: z.number(),
  identities: z.array(z.string()),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const usersSchema = z.object({ users: z.array(userSummarySchema) });

export const revokeIdentityResultSchema = z.object({ revoked: z.string() });
