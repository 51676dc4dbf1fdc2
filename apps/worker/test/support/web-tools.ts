import { isToolError } from "@molt/agent";
import type { ToolSet } from "ai";
import { inject } from "vitest";
import { TOOL_GROUPS } from "../../src/agent/tool-groups";
import { buildTurnTools } from "../../src/agent/turn-tools";
import { CONVERSATION_MESSAGES, turnContextForTest } from "./turn-context";

const WEB_GROUPS = new Set(["web_fetch", "web_search", "browser"]);

/** The test web server (`tests/fakes/fake-web.ts`). */
export function webUrl(path: string): string {
  return `${inject("web").baseUrl}${path}`;
}

/** Fails the test with the reason when the headless Chromium of the test run is missing. */
export function requireChromium(): void {
  const { error } = inject("browser");
  if (error) throw new Error(`browser tests need Chromium: ${error}`);
}

/** The web tools as a turn gets them, with an in-memory browser state and attachment list. */
export function webToolsForTest(settings: Partial<Record<keyof Env, string>> = {}) {
  const message = CONVERSATION_MESSAGES["Telegram private chat"]();
  const { context, attachments, state } = turnContextForTest(message, settings);
  const groups = TOOL_GROUPS.filter((group) => WEB_GROUPS.has(group.name));
  return { tools: buildTurnTools(context, groups), attachments, state };
}

/** Runs one tool the way the agent loop would, and returns its answer (or its error) as text. */
export async function runTool(tools: ToolSet, name: string, input: unknown): Promise<string> {
  const execute = tools[name]?.execute;
  if (!execute) throw new Error(`no tool ${name}`);
  const result = await execute(input, { toolCallId: `call-${name}`, messages: [], context: {} });
  return isToolError(result) ? result.error : String(result);
}
