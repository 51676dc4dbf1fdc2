import type {
  EditFileRequest,
  EditFileResult,
  ExecRequest,
  ExecResult,
  ListFilesRequest,
  ListFilesResult,
  ProcessList,
  ProcessLogs,
  ReadFileRequest,
  ReadFileResult,
  RuntimeProcess,
  SearchFilesRequest,
  SearchFilesResult,
  StartProcessRequest,
  WriteFileRequest,
  WriteFileResult,
} from "@molt/contracts";

/** A command's result; `note` says why it was cut short when its timeout was not the reason. */
export type ExecOutcome = ExecResult & { note?: string };

/** The agent's computer as the tools see it; the Worker backs it with the user's sandbox. */
export interface ComputerClient {
  /** `signal` aborts the command (the turn was stopped): the runtime kills it. */
  exec(request: ExecRequest, signal?: AbortSignal): Promise<ExecOutcome>;
  readFile(request: ReadFileRequest): Promise<ReadFileResult>;
  writeFile(request: WriteFileRequest): Promise<WriteFileResult>;
  editFile(request: EditFileRequest): Promise<EditFileResult>;
  listFiles(request: ListFilesRequest): Promise<ListFilesResult>;
  searchFiles(request: SearchFilesRequest): Promise<SearchFilesResult>;
  startProcess(request: StartProcessRequest): Promise<RuntimeProcess>;
  listProcesses(): Promise<ProcessList>;
  processLogs(id: string, tailBytes?: number): Promise<ProcessLogs>;
  stopProcess(id: string): Promise<RuntimeProcess>;
}

export const INTERRUPTED_MESSAGE =
  "The computer restarted; the command was interrupted. Files saved before this turn are back, but changes made since the turn began may be lost and background processes are gone. Check the state and run the command again if it is still needed.";

/** The runtime went away in the middle of a call (the container died or was restarted). */
export class ComputerInterruptedError extends Error {
  constructor(detail?: string) {
    super(detail ? `${INTERRUPTED_MESSAGE} (${detail})` : INTERRUPTED_MESSAGE);
    this.name = "ComputerInterruptedError";
  }
}

/** The runtime refused or failed a call for a reason the model can act on (bad path, no match). */
export class ComputerCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ComputerCallError";
  }
}
