import type { ComputerClient } from "@molt/agent";
import {
  editFileResultSchema,
  execResultSchema,
  listFilesResultSchema,
  processListSchema,
  processLogsSchema,
  readFileResultSchema,
  runtimeProcessSchema,
  searchFilesResultSchema,
  writeFileResultSchema,
} from "@molt/contracts";
import type { SandboxPort } from "./sandbox-port";

/** The agent's tools' view of the computer, backed by the user's sandbox runtime. */
export function createRuntimeComputerClient(sandbox: SandboxPort): ComputerClient {
  return {
    // ManagedSandbox fits the command into the turn's command time and may add a `note`.
    exec: (request, signal) => sandbox.call("/exec", request, execResultSchema, signal),
    readFile: (request) => sandbox.call("/files/read", request, readFileResultSchema),
    writeFile: (request) => sandbox.call("/files/write", request, writeFileResultSchema),
    editFile: (request) => sandbox.call("/files/edit", request, editFileResultSchema),
    listFiles: (request) => sandbox.call("/files/list", request, listFilesResultSchema),
    searchFiles: (request) => sandbox.call("/files/search", request, searchFilesResultSchema),
    startProcess: (request) => sandbox.call("/processes", request, runtimeProcessSchema),
    listProcesses: () => sandbox.call("/processes", undefined, processListSchema),
    processLogs: (id, tailBytes) =>
      sandbox.call(
        `/processes/${encodeURIComponent(id)}/logs${tailBytes ? `?tailBytes=${tailBytes}` : ""}`,
        undefined,
        processLogsSchema,
      ),
    stopProcess: (id) =>
      sandbox.call(`/processes/${encodeURIComponent(id)}/stop`, {}, runtimeProcessSchema),
  };
}
