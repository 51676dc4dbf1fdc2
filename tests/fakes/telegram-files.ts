import type { ServerResponse } from "node:http";
import { asRecord, optionalNumber, optionalString } from "./control-routes.ts";
import { sendJson } from "./fake-http-server.ts";
import type { TelegramReply } from "./telegram-bot-methods.ts";

/** Bots may download files up to 20 MB; `getFile` refuses bigger ones. */
export const TELEGRAM_GET_FILE_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * A file people "sent": its bytes, or only a declared size for a file too big to hold (the
 * fake never has to serve it, because `getFile` refuses it first).
 */
export interface StoredTelegramFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  size: number;
  bytes?: Buffer;
}

export interface TelegramFileStore {
  put(file: {
    fileId: string;
    bytes?: Buffer;
    size?: number;
    fileName?: string;
  }): StoredTelegramFile;
  getFile(params: Record<string, unknown>): TelegramReply;
  /** Serves `/file/bot<token>/<file_path>`; returns false when the path is not one. */
  serveDownload(url: URL, token: string, res: ServerResponse): boolean;
  downloads(): string[];
  clear(): void;
}

export function createTelegramFileStore(): TelegramFileStore {
  const files = new Map<string, StoredTelegramFile>();
  const downloaded: string[] = [];
  return {
    put({ fileId, bytes, size, fileName }) {
      const index = files.size;
      const stored: StoredTelegramFile = {
        fileId,
        fileUniqueId: `AgADfake${index}`,
        filePath: `${folderFor(fileName)}/file_${index}${extensionOf(fileName)}`,
        size: bytes?.byteLength ?? size ?? 0,
        ...(bytes ? { bytes } : {}),
      };
      files.set(fileId, stored);
      return stored;
    },
    getFile(params) {
      const fileId = params.file_id;
      if (typeof fileId !== "string" || fileId === "") {
        return { ok: false, error_code: 400, description: "Bad Request: file_id is empty" };
      }
      const file = files.get(fileId);
      if (!file) return { ok: false, error_code: 400, description: "Bad Request: invalid file_id" };
      if (file.size > TELEGRAM_GET_FILE_LIMIT_BYTES) {
        return { ok: false, error_code: 400, description: "Bad Request: file is too big" };
      }
      return {
        ok: true,
        result: {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          file_size: file.size,
          file_path: file.filePath,
        },
      };
    },
    serveDownload(url, token, res) {
      const match = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (!match) return false;
      const [, pathToken = "", filePath = ""] = match;
      const file = [...files.values()].find((candidate) => candidate.filePath === filePath);
      // Telegram answers a wrong token or an unknown path with the same bare 404.
      if (decodeURIComponent(pathToken) !== token || !file?.bytes) {
        sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
        return true;
      }
      downloaded.push(file.fileId);
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": file.bytes.byteLength,
      });
      res.end(file.bytes);
      return true;
    },
    downloads: () => [...downloaded],
    clear() {
      files.clear();
      downloaded.length = 0;
    },
  };
}

/** `POST /__control/file` body: `{ fileId, base64? , size?, fileName? }`. */
export function parseFileControlBody(body: unknown) {
  const input = asRecord(body, "file body");
  const fileId = optionalString(input.fileId, "fileId");
  if (!fileId) throw new Error("fileId is required");
  const base64 = optionalString(input.base64, "base64");
  const size = optionalNumber(input.size, "size");
  if (base64 === undefined && size === undefined) throw new Error("base64 or size is required");
  return {
    fileId,
    ...(base64 !== undefined ? { bytes: Buffer.from(base64, "base64") } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(optionalString(input.fileName, "fileName") ? { fileName: String(input.fileName) } : {}),
  };
}

function folderFor(fileName: string | undefined): string {
  const extension = extensionOf(fileName);
  if ([".jpg", ".jpeg", ".png"].includes(extension)) return "photos";
  if ([".oga", ".ogg"].includes(extension)) return "voice";
  return "documents";
}

function extensionOf(fileName: string | undefined): string {
  const match = /\.[a-z0-9]{1,5}$/i.exec(fileName ?? "");
  return match ? match[0].toLowerCase() : "";
}
