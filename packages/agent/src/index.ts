export { createDevModel, DEV_MODEL_ID } from "./dev-model";
export { estimateTokens } from "./estimate-tokens";
export {
  describeMcpTool,
  MCP_CONTENT_NOTE,
  MCP_DESCRIPTION_MAX_CHARS,
  MCP_RESULT_MAX_CHARS,
  mcpResultText,
  wrapMcpContent,
} from "./mcp/mcp-content";
export {
  type DocumentConverter,
  type ImageDescriber,
  MediaServiceError,
  type MediaServiceProblem,
  type Transcriber,
} from "./media/media-ports";
export {
  describeReceivedFile,
  formatFileSize,
  type ReceivedFile,
  receivedKindLabel,
} from "./media/received-file";
export {
  buildReceivedFilesContent,
  DOCUMENT_WINDOW_CHARS,
  type ReceivedFilesContent,
} from "./media/received-files-content";
export {
  COMPACT_AT_RATIO,
  type CompactionPlan,
  extractNoteLines,
  historyTokens,
  KEEP_AFTER_COMPACT_RATIO,
  needsCompaction,
  planCompaction,
  renderTranscript,
  summarizeTurns,
  summarizeWithoutModel,
  type TurnSummary,
} from "./memory/compaction";
export {
  HEARTBEAT_OK,
  HEARTBEAT_PROMPT,
  hasHeartbeatItems,
  isHeartbeatOk,
  isWithinActiveHours,
} from "./memory/heartbeat-policy";
export {
  appendMemoryLine,
  createMemoryTools,
  forgetLines,
  type MemoryHit,
  type MemoryToolsContext,
} from "./memory/memory-tools";
export { readTimeZone, writeTimeZone } from "./memory/user-timezone";
export {
  DAILY_NOTES_DIR,
  dailyNotePath,
  ensureWorkspaceTemplates,
  isMemoryFile,
  SKILLS_DIR,
  WORKSPACE_FILES,
  WORKSPACE_TEMPLATES,
} from "./memory/workspace-files";
export {
  buildDailyNotesPrompt,
  type DailyNotesPromptInput,
} from "./prompt/daily-notes-prompt";
export {
  assemblePrompt,
  CACHE_BREAKPOINT,
  formatTurnContext,
  type PromptParts,
  TURN_CONTEXT_TAG,
} from "./prompt/prompt-layout";
export {
  buildWorkspacePrompt,
  WORKSPACE_PROMPT_BUDGET_TOKENS,
  type WorkspacePromptInput,
} from "./prompt/workspace-prompt";
export {
  checkReminderLimits,
  DEFAULT_REMINDER_LIMITS,
  ReminderLimitError,
  type ReminderLimits,
  shortestCronGapMinutes,
} from "./reminders/reminder-limits";
export {
  nextCronRun,
  parseLocalDateTime,
  ReminderTimeError,
  validateCron,
} from "./reminders/reminder-time";
export {
  createReminderTools,
  describeReminder,
  planReminder,
  type ReminderBook,
  type ReminderSpec,
  type ReminderView,
} from "./reminders/reminder-tools";
export {
  type AgentTurnInput,
  type AgentTurnResult,
  DEFAULT_MAX_STEPS,
  runAgentTurn,
  type TurnUsage,
} from "./run-agent-turn";
export {
  type LoadedSkill,
  listSkills,
  loadSkills,
  parseSkillFile,
  type SkillSummary,
} from "./skills/skill-files";
export { formatSkillIndex, SKILL_INDEX_LINE_MAX_CHARS } from "./skills/skill-index";
export { type SkillMatch, searchSkills } from "./skills/skill-search";
export { createSkillTools } from "./skills/skill-tools";
export { describeToolCall } from "./status/describe-tool-call";
export { buildSystemPrompt, type SystemPromptContext } from "./system-prompt";
export { lastResetBoundary } from "./time/session-reset";
export {
  DEFAULT_TIME_ZONE,
  formatLocalDateTime,
  isValidTimeZone,
  localDate,
  zonedParts,
  zonedTimeToInstant,
} from "./time/zoned-time";
export {
  type PendingToolApproval,
  pendingToolApprovals,
  toolApprovalResponseMessage,
} from "./tool-approvals";
export {
  ComputerCallError,
  type ComputerClient,
  ComputerInterruptedError,
  type ExecOutcome,
  INTERRUPTED_MESSAGE,
} from "./tools/computer-client";
export { capText, MAX_TOOL_TEXT_CHARS } from "./tools/computer-tool-result";
export { createComputerTools, createGroupFileTools } from "./tools/computer-tools";
export { createCurrentTimeTool } from "./tools/current-time-tool";
export { createFileTools } from "./tools/file-tools";
export {
  observeToolCalls,
  type ToolCallReport,
} from "./tools/observe-tool-calls";
export {
  canonicalWorkspacePath,
  isPrivateMemoryPath,
  PRIVATE_FILE_MESSAGE,
  withoutPrivateFiles,
} from "./tools/private-files-guard";
export { createReadReceivedFileTool, INBOX_DIR } from "./tools/read-received-file-tool";
export { isToolError, type ToolError, toolError } from "./tools/tool-error";
export { offerTools, type ToolOffer } from "./tools/tool-offer";
export {
  createUseToolsTool,
  type ToolsetChoice,
  type UseToolsOptions,
} from "./tools/use-tools-tool";
export { createWebFetchTool, type WebFetchToolOptions } from "./tools/web-fetch-tool";
export { createWebSearchTool } from "./tools/web-search-tool";
export { trimHistoryToBudget } from "./trim-history";
export {
  createOpenAICompatibleSpeech,
  SpeechError,
  type SpeechSynthesizer,
  type SpokenAudio,
  speakableText,
} from "./voice/speech-synthesizer";
export { BRAVE_SEARCH_DEFAULT_BASE_URL, type BraveSearchOptions } from "./web/brave-search";
export {
  createDohResolver,
  DEFAULT_DOH_URL,
  HostResolutionError,
  type HostResolver,
} from "./web/host-resolver";
export { htmlToMarkdown } from "./web/html-to-markdown";
export { pageWindow, WEB_OUTPUT_MAX_CHARS } from "./web/page-window";
export { WEB_CONTENT_NOTE, wrapWebContent } from "./web/untrusted-content";
export { refuseUrl, refuseUrlAfterResolving, type UrlPolicy } from "./web/url-safety";
export {
  MemoryWorkspaceStore,
  normalizeWorkspacePath,
  type WorkspaceEntry,
  WorkspacePathError,
  type WorkspaceStore,
} from "./workspace/workspace-store";
