import { tool } from "ai";
import { z } from "zod";
import type { ComputerClient } from "./computer-client";
import { capText, runComputerCall } from "./computer-tool-result";

const DEFAULT_TIMEOUT_SECONDS = 120;
const MAX_TIMEOUT_SECONDS = 600;

/** Runs a shell command on the agent's own computer. */
export function createShellTool(client: ComputerClient) {
  return tool({
    description: [
      "Run a bash command on your own Linux computer (cwd /workspace, kept between conversations;",
      "git, python3, node, curl, jq, rg installed). No terminal or input: pass -y. Killed after",
      "its timeout: use start_process for servers. Long output is cut in the middle: filter it.",
    ].join(" "),
    inputSchema: z.object({
      command: z.string().min(1).describe("The bash command line to run"),
      cwd: z
        .string()
        .optional()
        .describe("Directory relative to /workspace to run in (default: /workspace)"),
      timeoutSeconds: z
        .number()
        .int()
        .min(1)
        .max(MAX_TIMEOUT_SECONDS)
        .optional()
        .describe(`Kill the command after this many seconds (default ${DEFAULT_TIMEOUT_SECONDS})`),
    }),
    execute: ({ command, cwd, timeoutSeconds }, { abortSignal }) =>
      runComputerCall(async () => {
        const result = await client.exec(
          { command, cwd, timeoutMs: (timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000 },
          abortSignal,
        );
        return {
          exitCode: result.exitCode,
          ...(result.timedOut
            ? {
                timedOut:
                  result.note ?? `Killed after ${timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS} s.`,
              }
            : {}),
          stdout: capText(result.stdout),
          stderr: capText(result.stderr, 4_000),
        };
      }),
  });
}
