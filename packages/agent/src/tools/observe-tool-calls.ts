import type { ToolSet } from "ai";
import { isToolError, toolError } from "./tool-error";

/** What is reported about one tool call: never its arguments or its result. */
export interface ToolCallReport {
  tool: string;
  ok: boolean;
  durationMs: number;
}

/**
 * Wraps every tool's `execute` so each call is timed and reported once, and so an unexpected
 * throw reaches the model in the same `{ error }` shape as an expected failure. A call cut short
 * by the turn's stop signal still throws: the turn is over, there is no model to answer.
 */
export function observeToolCalls(
  tools: ToolSet,
  report: (call: ToolCallReport) => void,
  now: () => number = Date.now,
): ToolSet {
  return Object.fromEntries(
    Object.entries(tools).map(([name, definition]) => {
      const execute = definition.execute;
      if (!execute) return [name, definition];
      const observed: typeof execute = async (input, options) => {
        const startedAt = now();
        const finish = (ok: boolean) =>
          report({ tool: name, ok, durationMs: Math.max(0, now() - startedAt) });
        try {
          const result = await execute(input, options);
          finish(!isToolError(result));
          return result;
        } catch (error) {
          finish(false);
          if (options.abortSignal?.aborted) throw error;
          return toolError(error instanceof Error ? error.message : String(error));
        }
      };
      return [name, { ...definition, execute: observed }];
    }),
  ) as ToolSet;
}
