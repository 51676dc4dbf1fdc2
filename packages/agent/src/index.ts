export { createDevModel, DEV_MODEL_ID } from "./dev-model";
export { estimateTokens } from "./estimate-tokens";
export {
  type AgentTurnInput,
  type AgentTurnResult,
  DEFAULT_MAX_STEPS,
  runAgentTurn,
} from "./run-agent-turn";
export { buildSystemPrompt, type SystemPromptContext } from "./system-prompt";
export {
  ComputerCallError,
  type ComputerClient,
  ComputerInterruptedError,
  INTERRUPTED_MESSAGE,
} from "./tools/computer-client";
export { capText, MAX_TOOL_TEXT_CHARS } from "./tools/computer-tool-result";
export { createComputerTools } from "./tools/computer-tools";
export { createCurrentTimeTool } from "./tools/current-time-tool";
export { createWebFetchTool, type WebFetchToolOptions } from "./tools/web-fetch-tool";
export { createWebSearchTool } from "./tools/web-search-tool";
export { trimHistoryToBudget } from "./trim-history";
export { BRAVE_SEARCH_DEFAULT_BASE_URL, type BraveSearchOptions } from "./web/brave-search";
export { htmlToMarkdown } from "./web/html-to-markdown";
export { pageWindow, WEB_OUTPUT_MAX_CHARS } from "./web/page-window";
export { WEB_CONTENT_NOTE, wrapWebContent } from "./web/untrusted-content";
export { refuseUrl, type UrlPolicy } from "./web/url-safety";
export {
  MemoryWorkspaceStore,
  normalizeWorkspacePath,
  type WorkspaceEntry,
  WorkspacePathError,
  type WorkspaceStore,
} from "./workspace/workspace-store";
