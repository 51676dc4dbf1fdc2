import { tool } from "ai";
import { z } from "zod";
import { DOCUMENT_WINDOW_CHARS } from "../media/received-files-content";
import { pageWindow } from "../web/page-window";
import { wrapWebContent } from "../web/untrusted-content";
import type { WorkspaceStore } from "../workspace/workspace-store";
import { toolError } from "./tool-error";

/** Where received files and their text are kept in the workspace. */
export const INBOX_DIR = "inbox/";

/**
 * Reads the text of a document the person sent (its Markdown, kept beside the original in
 * `inbox/`), one window at a time, like `web_fetch` reads a long page. The text is the file's,
 * not the person's: it comes back wrapped as untrusted data.
 */
export function createReadReceivedFileTool(workspace: WorkspaceStore) {
  return tool({
    description:
      "Read further in a document the person sent (PDF, Office file, text). Give the path the message named and the offset to continue from.",
    inputSchema: z.object({
      path: z
        .string()
        .describe('The path named in the message, e.g. "inbox/2026-01-05-report.pdf.md"'),
      offset: z.number().int().min(0).optional().describe("Character offset to continue from"),
    }),
    execute: async ({ path, offset }) => {
      const normalized = path.replace(/^\/?(workspace\/)?/, "");
      if (!normalized.startsWith(INBOX_DIR) || normalized.includes("..")) {
        return toolError(`Only received files under ${INBOX_DIR} can be read with this tool.`);
      }
      const textPath = normalized.endsWith(".md") ? normalized : `${normalized}.md`;
      const text = await workspace.readText(textPath);
      if (text === null) {
        return toolError(
          `No text is kept for ${normalized}: it was not a document, or its conversion failed. The computer's file tools can open the original.`,
        );
      }
      return wrapWebContent(
        `received file ${normalized}`,
        pageWindow(text, offset, DOCUMENT_WINDOW_CHARS),
      );
    },
  });
}
