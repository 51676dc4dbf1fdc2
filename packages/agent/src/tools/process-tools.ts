import { tool } from "ai";
import { z } from "zod";
import type { ComputerClient } from "./computer-client";
import { capText, runComputerCall } from "./computer-tool-result";

const LOG_TAIL_BYTES = 16_000;
const idField = z.string().min(1).describe("The process id from start_process, e.g. 'p1'");

/** Background processes (servers, watchers, long builds) on the agent's computer. */
export function createProcessTools(client: ComputerClient) {
  return {
    start_process: tool({
      description:
        "Start a long-running command (server, watcher, long build) in the background; returns its id at once. Read output with process_logs, end it with stop_process. Ends when the computer restarts.",
      inputSchema: z.object({
        command: z.string().min(1),
        cwd: z.string().optional().describe("Directory relative to /workspace"),
      }),
      execute: (input) => runComputerCall(() => client.startProcess(input)),
    }),
    list_processes: tool({
      description: "List the background processes started with start_process and their status.",
      inputSchema: z.object({}),
      execute: () => runComputerCall(() => client.listProcesses()),
    }),
    process_logs: tool({
      description: "Read the latest output (stdout and stderr) of a background process.",
      inputSchema: z.object({ id: idField }),
      execute: ({ id }) =>
        runComputerCall(async () => {
          const logs = await client.processLogs(id, LOG_TAIL_BYTES);
          return { ...logs, output: capText(logs.output) };
        }),
    }),
    stop_process: tool({
      description: "Stop a background process (SIGTERM, then SIGKILL after 2 seconds).",
      inputSchema: z.object({ id: idField }),
      execute: ({ id }) => runComputerCall(() => client.stopProcess(id)),
    }),
  };
}
