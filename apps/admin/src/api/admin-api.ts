import {
  type AdminConfig,
  type ApprovePairingBody,
  type ApprovePairingResult,
  adminConfigSchema,
  approvePairingResultSchema,
  type ConsoleMessageBody,
  type ConsoleMessageResult,
  type ConsoleReplies,
  consoleMessageResultSchema,
  consoleRepliesSchema,
  denyPairingResultSchema,
  type Health,
  healthSchema,
  type PairingRequest,
  pairingRequestListSchema,
  revokeIdentityResultSchema,
  type UserSummary,
  usersOverviewSchema,
} from "@molt/contracts";
import { requestJson } from "./request-json";

// One function per admin API route, each returning the answer parsed by its schema.

export function getHealth(): Promise<Health> {
  return requestJson("/health", healthSchema);
}

export function getConfig(): Promise<AdminConfig> {
  return requestJson("/api/config", adminConfigSchema);
}

export async function listPairingRequests(): Promise<PairingRequest[]> {
  return (await requestJson("/api/pairing", pairingRequestListSchema)).requests;
}

export function approvePairing(
  code: string,
  body: ApprovePairingBody,
): Promise<ApprovePairingResult> {
  return requestJson(
    `/api/pairing/${encodeURIComponent(code)}/approve`,
    approvePairingResultSchema,
    {
      method: "POST",
      body,
    },
  );
}

export async function denyPairing(code: string): Promise<void> {
  await requestJson(`/api/pairing/${encodeURIComponent(code)}/deny`, denyPairingResultSchema, {
    method: "POST",
  });
}

export async function listUsers(): Promise<UserSummary[]> {
  return (await requestJson("/api/users", usersOverviewSchema)).users;
}

export async function revokeIdentity(identity: string): Promise<void> {
  await requestJson(`/api/identities/${encodeURIComponent(identity)}`, revokeIdentityResultSchema, {
    method: "DELETE",
  });
}

export function sendChatMessage(body: ConsoleMessageBody): Promise<ConsoleMessageResult> {
  return requestJson("/api/chat", consoleMessageResultSchema, { method: "POST", body });
}

export function getChatReplies(userId: string, afterSeq: number): Promise<ConsoleReplies> {
  return requestJson(
    `/api/chat/${encodeURIComponent(userId)}/replies?after=${afterSeq}`,
    consoleRepliesSchema,
  );
}
