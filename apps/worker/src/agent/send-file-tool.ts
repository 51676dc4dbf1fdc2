import { isPrivateMemoryPath, PRIVATE_FILE_MESSAGE, toolError } from "@molt/agent";
import { type ToolSet, tool } from "ai";
import { z } from "zod";
import { createRuntimeComputerClient } from "../sandbox/runtime-computer-client";
import { exportedBundleSchema } from "../sandbox/workspace-sync";
import { attachmentKey, type OutboxAttachment } from "./outbox-attachment";
import type { TurnContext } from "./turn-context";

/**
 * The largest file sent: Telegram's bot upload limit, which also keeps the bytes a Worker holds
 * at once well under its memory. Slack would take more (1 GB), but not through this Worker.
 */
export const SEND_FILE_MAX_BYTES = 50 * 1024 * 1024;
/** Telegram's limit for a photo; a bigger image goes as a document. */
export const SEND_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** Images Telegram shows as photos; any other file goes as a document. */
const PHOTO_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};
const DOCUMENT_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json",
  html: "text/html",
  zip: "application/zip",
  gif: "image/gif",
  svg: "image/svg+xml",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  wav: "audio/wav",
  mp4: "video/mp4",
};

/**
 * `send_file`: sends a file of the person's workspace to the conversation, as a photo or a
 * document. The bytes are copied to R2 at once and the file goes out through the outbox with
 * the answer (before its text, like screenshots), so it is delivered exactly once even if the
 * Worker dies in between. In a group the memory files stay private, as with the file tools.
 */
export function createSendFileTools(turn: TurnContext): ToolSet {
  return {
    send_file: tool({
      description: "Send a /workspace file (max 50 MB) to this chat; images as photos.",
      inputSchema: z.object({
        path: z.string().min(1).max(1000),
        caption: z.string().max(1000).optional(),
      }),
      execute: async ({ path, caption }) => {
        const relative = workspaceRelativePath(path);
        if (!relative) return toolError(`${path} is not a file path inside /workspace.`);
        if (turn.message.isGroup && isPrivateMemoryPath(relative)) {
          return toolError(PRIVATE_FILE_MESSAGE);
        }
        const size = await fileSize(turn, relative);
        if (size === undefined) return toolError(`There is no file at /workspace/${relative}.`);
        if (size > SEND_FILE_MAX_BYTES) {
          return toolError(
            `/workspace/${relative} is ${megabytes(size)}; files over ${megabytes(SEND_FILE_MAX_BYTES)} cannot be sent. Compress or split it first.`,
          );
        }
        const exported = await turn.sandbox.call(
          "/files/export",
          { paths: [relative] },
          exportedBundleSchema,
        );
        const bytes = exported.files[0]?.bytes;
        if (!bytes) return toolError(`There is no file at /workspace/${relative}.`);
        const attachment = await storeAttachment(turn, relative, bytes);
        turn.attachments.push({ ...attachment, ...(caption ? { caption } : {}) });
        return { queued: attachment.fileName, as: attachment.kind, bytes: bytes.byteLength };
      },
    }),
  };
}

async function storeAttachment(
  turn: TurnContext,
  relative: string,
  bytes: Uint8Array,
): Promise<OutboxAttachment> {
  const fileName = relative.split("/").at(-1) ?? "file";
  const extension = fileName.includes(".") ? (fileName.split(".").at(-1) ?? "").toLowerCase() : "";
  const photoType = PHOTO_TYPES[extension];
  const isPhoto = photoType !== undefined && bytes.byteLength <= SEND_PHOTO_MAX_BYTES;
  const contentType = photoType ?? DOCUMENT_TYPES[extension] ?? "application/octet-stream";
  const id = crypto.randomUUID();
  const key = attachmentKey(turn.userId, id, /^[a-z0-9]{1,8}$/.test(extension) ? extension : "bin");
  await turn.env.WORKSPACES.put(key, bytes, { httpMetadata: { contentType } });
  return { key, fileName, contentType, kind: isPhoto ? "photo" : "document" };
}

/** The file's size from a listing of its folder; undefined when it is not a regular file. */
async function fileSize(turn: TurnContext, relative: string): Promise<number | undefined> {
  const folder = relative.includes("/") ? relative.slice(0, relative.lastIndexOf("/")) : undefined;
  const listing = await createRuntimeComputerClient(turn.sandbox).listFiles({
    ...(folder ? { path: folder } : {}),
    maxEntries: 10_000,
  });
  const entry = listing.entries.find((found) => found.path === relative);
  return entry?.type === "file" ? entry.size : undefined;
}

/** `report.pdf`, `./a/b.png` or `/workspace/a/b.png` → `a/b.png`; undefined for a way out. */
export function workspaceRelativePath(path: string): string | undefined {
  let rest = path.trim();
  if (rest === "/workspace" || rest.startsWith("/workspace/"))
    rest = rest.slice("/workspace".length);
  else if (rest.startsWith("/")) return undefined;
  const parts = rest.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0 || parts.some((part) => part === "..")) return undefined;
  return parts.join("/");
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
