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
  sandboxProcessLogsSchema,
  sandboxProcessSchema,
  sandboxStatusSchema,
  scheduleSummarySchema,
  type UserImportPreview,
  type UserImportResult,
  type UserOverview,
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

// Lists may come bare or wrapped in an object, whichever the sandbox API settles on.
const processListSchema = z.union([
  z.array(sandboxProcessSchema),
  z.object({ processes: z.array(sandboxProcessSchema) }).transform((body) => body.processes),
]);

export function listSandboxProcesses(userId: string): Promise<SandboxProcess[]> {
  return requestJson(`${user(userId)}/sandbox/processes`, processListSchema);
}

export function getProcessLogs(userId: string, pid: string): Promise<SandboxProcessLogs> {
  return requestJson(
    `${user(userId)}/sandbox/processes/${encodeURIComponent(pid)}/logs`,
    sandboxProcessLogsSchema,
  );
}

export async function sandboxAction(userId: string, action: "restart" | "destroy") {
  await requestJson(`${user(userId)}/sandbox/${action}`, z.unknown(), { method: "POST" });
}

const scheduleListSchema = z.union([
  z.array(scheduleSummarySchema),
  z.object({ schedules: z.array(scheduleSummarySchema) }).transform((body) => body.schedules),
]);

export function listSchedules(userId: string): Promise<ScheduleSummary[]> {
  return requestJson(`${user(userId)}/schedules`, scheduleListSchema);
}

export async function cancelSchedule(userId: string, scheduleId: string): Promise<void> {
  await requestJson(`${user(userId)}/schedules/${encodeURIComponent(scheduleId)}`, z.unknown(), {
    method: "DELETE",
  });
}

// `GET|PUT /api/users/{userId}/usage`; parsed here until the contract is shared.
const usageReportSchema = z.object({
  day: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  turns: z.number(),
  dailyLimit: z.number().nullable(),
  remaining: z.number().nullable(),
});
export type UsageReport = z.infer<typeof usageReportSchema>;

export function getUsage(userId: string): Promise<UsageReport> {
  return requestJson(`${user(userId)}/usage`, usageReportSchema);
}

export function setDailyTokenLimit(userId: string, dailyLimit: number | null) {
  return requestJson(`${user(userId)}/usage`, usageReportSchema, {
    method: "PUT",
    body: { dailyLimit },
  });
}
