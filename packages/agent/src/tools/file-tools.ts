import { tool } from "ai";
import { z } from "zod";
import type { ComputerClient } from "./computer-client";
import { capText, MAX_TOOL_TEXT_CHARS, runComputerCall } from "./computer-tool-result";

const pathField = z.string().min(1).describe("Path relative to /workspace, e.g. 'notes/todo.md'");

/** The part of the computer the file tools use. */
export type FileClient = Pick<
  ComputerClient,
  "readFile" | "writeFile" | "editFile" | "listFiles" | "searchFiles"
>;

/** Reading, writing, editing, listing and searching files in the agent's workspace. */
export function createFileTools(client: FileClient) {
  return {
    read_file: tool({
      description:
        "Read a text file from /workspace. Give startLine/endLine (1-based, inclusive) to read part of a long file; the answer says how many lines the file has.",
      inputSchema: z.object({
        path: pathField,
        startLine: z.number().int().min(1).optional(),
        endLine: z.number().int().min(1).optional(),
      }),
      execute: (input) =>
        runComputerCall(async () => {
          const result = await client.readFile({ ...input, maxBytes: MAX_TOOL_TEXT_CHARS * 2 });
          return { ...result, content: capText(result.content) };
        }),
    }),
    write_file: tool({
      description:
        "Create or overwrite a text file in /workspace with the given content. Parent directories are created. To change part of an existing file, use edit_file instead.",
      inputSchema: z.object({ path: pathField, content: z.string() }),
      execute: ({ path, content }) => runComputerCall(() => client.writeFile({ path, content })),
    }),
    edit_file: tool({
      description:
        "Replace one exact piece of text in a file. oldText must match exactly (whitespace included) and occur once; add surrounding lines to make it unique.",
      inputSchema: z.object({
        path: pathField,
        oldText: z.string().min(1).describe("The exact text to replace"),
        newText: z.string().describe("The replacement text"),
      }),
      execute: (input) => runComputerCall(() => client.editFile(input)),
    }),
    list_files: tool({
      description:
        "List files and directories in /workspace (or a subdirectory). Set recursive to list everything below it.",
      inputSchema: z.object({
        path: z
          .string()
          .optional()
          .describe("Directory relative to /workspace (default: the root)"),
        recursive: z.boolean().optional(),
      }),
      execute: ({ path, recursive }) =>
        runComputerCall(() =>
          client.listFiles({ path, recursive: recursive ?? false, maxEntries: 300 }),
        ),
    }),
    search_files: tool({
      description:
        "Search the contents of files in /workspace for a regular expression (or literal text) and get matching lines with file and line number.",
      inputSchema: z.object({
        pattern: z.string().min(1),
        literal: z.boolean().optional().describe("Match the pattern as plain text"),
        path: z.string().optional().describe("Directory or file to search (default: everything)"),
        glob: z.string().optional().describe("Only files matching this glob, e.g. '*.py'"),
      }),
      execute: (input) =>
        runComputerCall(() =>
          client.searchFiles({ ...input, literal: input.literal ?? false, maxResults: 100 }),
        ),
    }),
  };
}
