import { env } from "cloudflare:test";
import type { ToolSet } from "ai";
import { inject } from "vitest";
import type { BrowserState } from "../../src/browser/browser-session";
import { buildWebTools, type TurnAttachment } from "../../src/browser/build-web-tools";

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
  let state: BrowserState | undefined;
  const attachments: TurnAttachment[] = [];
  const tools = buildWebTools({
    env: { ...env, ...settings } as Env,
    userId: `web-test-${crypto.randomUUID()}`,
    browserState: {
      load: () => state,
      save: (next) => {
        state = next;
      },
    },
    attachments,
  });
  return { tools, attachments, state: () => state };
}

/** Runs one tool the way the agent loop would, and returns its answer as text. */
export async function runTool(tools: ToolSet, name: string, input: unknown): Promise<string> {
  const execute = tools[name]?.execute;
  if (!execute) throw new Error(`no tool ${name}`);
  const result = await execute(input, { toolCallId: `call-${name}`, messages: [], context: {} });
  return String(result);
}
