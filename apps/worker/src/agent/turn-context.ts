import type { MemoryHit, ReminderBook, WorkspaceStore } from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import type { BrowserStateStore } from "../browser/browser-session";
import type { TurnAttachment } from "../browser/build-web-tools";
import type { ReadyMcpServer } from "../mcp/mcp-turn-tools";
import type { SandboxPort } from "../sandbox/sandbox-port";

/** What the memory, skill and reminder tools work on; `Personalization` provides it per turn. */
export interface PersonalToolSources {
  workspace: WorkspaceStore;
  timeZone: string;
  searchMemory(query: string, limit: number): Promise<MemoryHit[]>;
  onMemoryFileChanged(path: string): Promise<void>;
  /** Removes the text from past session records too; returns the lines removed. */
  forgetInSessions(text: string): Promise<number>;
  /** Reminders of the chat the turn is in. */
  reminderBook: ReminderBook;
}

/** What a turn's tools may depend on: the person, the message, and the turn's stop signal. */
export interface TurnContext {
  env: Env;
  userId: string;
  message: InboundMessage;
  abortSignal: AbortSignal;
  personal: PersonalToolSources;
  /** Where the person's browser session and tab are remembered between calls. */
  browserState: BrowserStateStore;
  /** Images produced during the turn (screenshots); sent with the reply. */
  attachments: TurnAttachment[];
  /** The person's computer; nothing starts it until a tool first needs it. */
  sandbox: SandboxPort;
  /** The person's MCP servers that are connected and ready for this turn. */
  mcpServers?: readonly ReadyMcpServer[];
}
