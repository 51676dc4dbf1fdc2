export { createDevModel, DEV_MODEL_ID } from "./dev-model";
export { estimateTokens } from "./estimate-tokens";
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
  buildWorkspacePrompt,
  WORKSPACE_PROMPT_BUDGET_TOKENS,
  type WorkspacePromptInput,
} from "./prompt/workspace-prompt";
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
} from "./run-agent-turn";
export { listSkills, parseSkillFile, type SkillSummary } from "./skills/skill-files";
export { createSkillTools } from "./skills/skill-tools";
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
export { createCurrentTimeTool } from "./tools/current-time-tool";
export { trimHistoryToBudget } from "./trim-history";
export {
  MemoryWorkspaceStore,
  normalizeWorkspacePath,
  type WorkspaceEntry,
  WorkspacePathError,
  type WorkspaceStore,
} from "./workspace/workspace-store";
