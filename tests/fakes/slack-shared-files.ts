import type { IncomingMessage, ServerResponse } from "node:http";
import { asRecord, optionalString } from "./control-routes.ts";

/** A file a person shared in Slack, served at its `url_private` to the bot token only. */
export interface SlackSharedFile {
  fileId: string;
  name: string;
  mimeType: string;
  bytes: Buffer;
}

export interface SlackSharedFiles {
  /** Stores the file and returns its `url_private_download`. */
  share(file: SlackSharedFile, origin: string): string;
  /** Serves `GET /files-pri/...` and the sign-in page; false when the path is neither. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL, token: string): boolean;
  downloads(): string[];
  clear(): void;
}

const SIGN_IN_PAGE =
  "<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body><h1>Sign in to your workspace</h1></body></html>";

/**
 * Slack serves a private file only with the bot token as a Bearer header; without it (or with
 * a wrong one) the answer is a 302 to the workspace's sign-in page, not a 401.
 */
export function createSlackSharedFiles(): SlackSharedFiles {
  const files = new Map<string, SlackSharedFile>();
  const downloaded: string[] = [];
  return {
    share(file, origin) {
      files.set(file.fileId, file);
      return `${origin}/files-pri/T0FAKETEAM-${file.fileId}/download/${encodeURIComponent(file.name)}`;
    },
    serve(req, res, url, token) {
      if (url.pathname === "/signin") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(SIGN_IN_PAGE);
        return true;
      }
      const match = /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\//.exec(url.pathname);
      if (!match || req.method !== "GET") return false;
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(302, { location: `/signin?redir=${encodeURIComponent(url.pathname)}` });
        res.end();
        return true;
      }
      const file = files.get(match[1] ?? "");
      if (!file) {
        res.writeHead(404, { "content-type": "text/plain" }).end("file_not_found");
        return true;
      }
      downloaded.push(file.fileId);
      res.writeHead(200, {
        "content-type": file.mimeType,
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

/** `POST /__control/shared-file` body: `{ fileId, name, mimeType, base64 }`. */
export function parseSharedFileBody(body: unknown): SlackSharedFile {
  const input = asRecord(body, "shared-file body");
  const fileId = optionalString(input.fileId, "fileId");
  const name = optionalString(input.name, "name");
  const mimeType = optionalString(input.mimeType, "mimeType");
  const base64 = optionalString(input.base64, "base64");
  if (!fileId || !name || !mimeType || base64 === undefined) {
    throw new Error("fileId, name, mimeType and base64 are required");
  }
  return { fileId, name, mimeType, bytes: Buffer.from(base64, "base64") };
}
