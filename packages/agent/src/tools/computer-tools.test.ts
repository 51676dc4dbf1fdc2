import type { ExecResult } from "@molt/contracts";
import { describe, expect, it } from "vitest";
import {
  ComputerCallError,
  type ComputerClient,
  ComputerInterruptedError,
} from "./computer-client";
import { MAX_TOOL_TEXT_CHARS } from "./computer-tool-result";
import { createComputerTools } from "./computer-tools";

const toolOptions = { toolCallId: "t1", messages: [], context: {} };

function execResult(overrides: Partial<ExecResult>): ExecResult {
  return {
    exitCode: 0,
    signal: null,
    timedOut: false,
    stdout: "",
    stderr: "",
    truncated: false,
    durationMs: 1,
    ...overrides,
  };
}

/** A client whose every method fails unless a test gives it an answer. */
function fakeClient(overrides: Partial<ComputerClient>): ComputerClient {
  const missing = () => Promise.reject(new Error("not scripted"));
  return {
    exec: missing,
    readFile: missing,
    writeFile: missing,
    editFile: missing,
    listFiles: missing,
    searchFiles: missing,
    startProcess: missing,
    listProcesses: missing,
    processLogs: missing,
    stopProcess: missing,
    ...overrides,
  };
}

describe("the computer tools", () => {
  it("offers every computer tool with a description written for the model", () => {
    const tools = createComputerTools(fakeClient({}));
    expect(Object.keys(tools).sort()).toEqual([
      "edit_file",
      "list_files",
      "list_processes",
      "process_logs",
      "read_file",
      "search_files",
      "shell",
      "start_process",
      "stop_process",
      "write_file",
    ]);
    for (const tool of Object.values(tools)) expect(tool.description?.length).toBeGreaterThan(40);
  });

  it("passes the shell's cwd and timeout in runtime units and caps long output", async () => {
    const seen: unknown[] = [];
    const tools = createComputerTools(
      fakeClient({
        exec: async (request) => {
          seen.push(request);
          return execResult({ stdout: `${"a".repeat(50_000)}END`, exitCode: 2 });
        },
      }),
    );
    const result = (await tools.shell.execute?.(
      { command: "make", cwd: "src", timeoutSeconds: 5 },
      toolOptions,
    )) as { exitCode: number; stdout: string };
    expect(seen).toEqual([{ command: "make", cwd: "src", timeoutMs: 5000 }]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout.length).toBeLessThan(MAX_TOOL_TEXT_CHARS + 100);
    expect(result.stdout).toContain("characters omitted");
    expect(result.stdout.endsWith("END")).toBe(true);
  });

  it("says when a command timed out", async () => {
    const tools = createComputerTools(
      fakeClient({ exec: async () => execResult({ timedOut: true, exitCode: null }) }),
    );
    const result = await tools.shell.execute?.(
      { command: "sleep 999", timeoutSeconds: 1 },
      toolOptions,
    );
    expect(result).toMatchObject({ timedOut: "Killed after 1 s." });
  });

  it("says why a command was cut short when the turn's command time ran out", async () => {
    const note = "Stopped when this turn's 8 minutes of command time ran out.";
    const tools = createComputerTools(
      fakeClient({
        exec: async () => ({ ...execResult({ timedOut: true, exitCode: null }), note }),
      }),
    );
    const result = await tools.shell.execute?.({ command: "make all" }, toolOptions);
    expect(result).toMatchObject({ timedOut: note });
  });

  it("turns an interrupted computer and a refused call into results the model can read", async () => {
    const tools = createComputerTools(
      fakeClient({
        exec: () => Promise.reject(new ComputerInterruptedError("connection reset")),
        editFile: () =>
          Promise.reject(new ComputerCallError("not_unique", "The text occurs 2 times in a.txt.")),
        readFile: () => Promise.reject(new Error("socket hang up")),
      }),
    );
    const shell = (await tools.shell.execute?.({ command: "x" }, toolOptions)) as { error: string };
    expect(shell.error).toMatch(/^The computer restarted; the command was interrupted/);
    const edit = await tools.edit_file.execute?.(
      { path: "a.txt", oldText: "x", newText: "y" },
      toolOptions,
    );
    expect(edit).toEqual({ error: "The text occurs 2 times in a.txt." });
    const read = await tools.read_file.execute?.({ path: "a.txt" }, toolOptions);
    expect(read).toEqual({ error: "The computer could not be reached: socket hang up" });
  });
});
