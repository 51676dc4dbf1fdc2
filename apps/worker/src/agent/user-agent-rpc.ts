import type {
  AddMcpServerBody,
  ConsoleReplies,
  ConversationHistory,
  ConversationSummary,
  DailyActivity,
  InboundMessage,
  McpServerSummary,
  PersonModel,
  SandboxProcess,
  SandboxProcessLogs,
  SandboxStatus,
  ScheduleSummary,
  UsageReport,
  UserActivity,
} from "@molt/contracts";
import type { ApprovalDecisionOutcome } from "../approvals/approval-desk";
import type { ApprovalPolicy } from "../approvals/approval-policy";
import type { ApprovalChoice, ApprovalStatus } from "../approvals/approval-store";
import type { McpAddResult } from "../mcp/person-mcp-servers";
import type { ModelHealth } from "./model-health";
import type { UserAgent } from "./user-agent";

export type ReceiveResult = { status: "accepted" | "duplicate" };

/** One person's share of the dashboard overview. */
export interface AgentOverview {
  days: DailyActivity[];
  modelHealth: ModelHealth;
  sandboxAwake: boolean;
}

/**
 * What the Worker's routes may ask of a person's UserAgent over RPC; everything else on the
 * class is the agents SDK's callback surface. Routes hold the stub as this type.
 */
export interface UserAgentRpc {
  /** Records the message in the inbox and queues it; answers once it is durable. */
  receive(message: InboundMessage): Promise<ReceiveResult>;
  /** The console's view of a conversation: replies after `afterSeq`, and the streamed draft. */
  consoleReplies(conversationKey: string, afterSeq: number): ConsoleReplies;
  lastReplySeq(conversationKey: string): number;
  activity(): UserActivity;
  overview(days: number): Promise<AgentOverview>;
  conversations(): ConversationSummary[];
  conversationHistory(conversationKey: string): ConversationHistory;
  scheduleSummaries(): ScheduleSummary[];
  cancelReminder(id: string): Promise<boolean>;
  usageReport(): UsageReport;
  setDailyTokenLimit(limit: number | null): UsageReport;
  personModel(): PersonModel;
  /** Null when the name is not one of the models on offer. */
  setPersonModel(name: string | null): PersonModel | null;
  sandboxStatus(): Promise<SandboxStatus>;
  sandboxProcesses(): Promise<SandboxProcess[]>;
  sandboxProcessLogs(id: string): Promise<SandboxProcessLogs | null>;
  restartSandbox(): Promise<void>;
  destroySandbox(): Promise<void>;
  /**
   * Workspace files written to R2 outside the agent (admin edits, imports): the agent drops its
   * cached copies so the next turn reads them anew. "all" drops every cached copy.
   */
  forgetWorkspaceFiles(paths: string[] | "all"): void;
  /** A person's answer to an approval question; the paused turn resumes when all are answered. */
  decideApproval(input: {
    approvalId: string;
    choice: ApprovalChoice;
    actor: string;
    conversationKey?: string;
  }): Promise<ApprovalDecisionOutcome>;
  approvalSettings(): PersonApprovalSettings;
  setApprovalPolicy(policy: ApprovalPolicy | null): PersonApprovalSettings;
  /** The person's MCP servers (their own and the operator's) with state and tools. */
  mcpServerList(): Promise<McpServerSummary[]>;
  /** `callbackOrigin`: where the server's OAuth sign-in comes back to (the admin UI's origin). */
  addPersonMcpServer(
    body: AddMcpServerBody,
    addedBy: string,
    callbackOrigin: string,
  ): Promise<McpAddResult>;
  removePersonMcpServer(name: string): Promise<boolean>;
  testMcpServer(name: string): Promise<McpServerSummary | undefined>;
}

export interface PersonApprovalSettings {
  policy: ApprovalPolicy;
  override: ApprovalPolicy | null;
  timeoutMinutes: number;
}

export type { ApprovalStatus };

/** The stub the routes hold: the RPC methods of a person's agent, and nothing of the SDK's. */
export type UserAgentStub = Pick<DurableObjectStub<UserAgent>, keyof UserAgentRpc>;
