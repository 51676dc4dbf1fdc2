import {
  type AdminIdentity,
  type AuditEntry,
  adminIdentitySchema,
  auditLogSchema,
  type ConversationHistory,
  type ConversationSummary,
  conversationHistorySchema,
  conversationListSchema,
  type SandboxProcess,
  type SandboxProcessLogs,
  type SandboxStatus,
  type ScheduleSummary,
  sandboxProcessListSchema,
  sandboxProcessLogsSchema,
  sandboxStatusSchema,
  scheduleListSchema,
  type UsageLimitBody,
  type UsageReport,
  type UserImportPreview,
  type UserImportResult,
  type UserOverview,
  usageReportSchema,
  userImportPreviewSchema,
  userImportResultSchema,
  usersOverviewSchema,
  type WebhookStatus,
  type WorkspaceFile,
  type WorkspaceListing,
  webhookStatusSchema,
  workspaceFileSchema,
  workspaceListingSchema,
} from "@molt/contracts";
import { z } from "zod";
import { requestJson } from "./request-json";

// The admin API for users, their files, sandbox and schedules, the audit log and the webhook.

const user = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;

export function getMe(): Promise<AdminIdentity> {
  return requestJson("/api/me", adminIdentitySchema);
}

export function getWebhookStatus(): Promise<WebhookStatus> {
  return requestJson("/api/telegram/webhook", webhookStatusSchema);
}

export async function listAudit(): Promise<AuditEntry[]> {
  return (await requestJson("/api/audit", auditLogSchema)).entries;
}

export async function listUserOverview(): Promise<UserOverview[]> {
  return (await requestJson("/api/users", usersOverviewSchema)).users;
}

export async function listConversations(userId: string): Promise<ConversationSummary[]> {
  return (await requestJson(`${user(userId)}/conversations`, conversationListSchema)).conversations;
}

export function getConversationHistory(userId: string, key: string): Promise<ConversationHistory> {
  return requestJson(
    `${user(userId)}/conversations/history?key=${encodeURIComponent(key)}`,
    conversationHistorySchema,
  );
}

export function listFiles(userId: string, path = ""): Promise<WorkspaceListing> {
  return requestJson(
    `${user(userId)}/files?path=${encodeURIComponent(path)}`,
    workspaceListingSchema,
  );
}

export function readFile(userId: string, path: string): Promise<WorkspaceFile> {
  return requestJson(
    `${user(userId)}/files/content?path=${encodeURIComponent(path)}`,
    workspaceFileSchema,
  );
}

export function writeFile(userId: string, path: string, content: string): Promise<WorkspaceFile> {
  return requestJson(
    `${user(userId)}/files/content?path=${encodeURIComponent(path)}`,
    workspaceFileSchema,
    { method: "PUT", body: { content } },
  );
}

export function exportUrl(userId: string): string {
  return `${user(userId)}/export`;
}

/** `confirm` names the preview the operator accepted; needed when instruction files change. */
export function importArchive(
  userId: string,
  archive: Blob,
  confirm?: string,
): Promise<UserImportResult> {
  const query = confirm ? `?confirm=${encodeURIComponent(confirm)}` : "";
  return requestJson(`${user(userId)}/import${query}`, userImportResultSchema, {
    method: "POST",
    body: archive.type ? archive : new Blob([archive], { type: "application/zip" }),
  });
}

export function previewImport(userId: string, archive: Blob): Promise<UserImportPreview> {
  return requestJson(`${user(userId)}/import/preview`, userImportPreviewSchema, {
    method: "POST",
    body: archive.type ? archive : new Blob([archive], { type: "application/zip" }),
  });
}

export function getSandbox(userId: string): Promise<SandboxStatus> {
  return requestJson(`${user(userId)}/sandbox`, sandboxStatusSchema);
}

export async function listSandboxProcesses(userId: string): Promise<SandboxProcess[]> {
  return (await requestJson(`${user(userId)}/sandbox/processes`, sandboxProcessListSchema))
    .processes;
}

export function getProcessLogs(userId: string, pid: string): Promise<SandboxProcessLogs> {
  return requestJson(
    `${user(userId)}/sandbox/processes/${encodeURIComponent(pid)}/logs`,
    sandboxProcessLogsSchema,
  );
}

export async function sandboxAction(userId: string, action: "restart" | "destroy") {
  await requestJson(`${user(userId)}/sandbox/${action}`, sandboxStatusSchema, { method: "POST" });
}

export async function listSchedules(userId: string): Promise<ScheduleSummary[]> {
  return (await requestJson(`${user(userId)}/schedules`, scheduleListSchema)).schedules;
}

export async function cancelSchedule(userId: string, scheduleId: string): Promise<void> {
  await requestJson(`${user(userId)}/schedules/${encodeURIComponent(scheduleId)}`, z.unknown(), {
    method: "DELETE",
  });
}

export function getUsage(userId: string): Promise<UsageReport> {
  return requestJson(`${user(userId)}/usage`, usageReportSchema);
}

export function setDailyTokenLimit(userId: string, dailyLimit: number | null) {
  const body: UsageLimitBody = { dailyLimit };
  return requestJson(`${user(userId)}/usage`, usageReportSchema, { method: "PUT", body });
}
