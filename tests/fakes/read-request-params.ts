import { createHash } from "node:crypto";
import { multipartBoundary, parseMultipart } from "./parse-multipart.ts";

/** How an uploaded file shows up in recorded params: JSON-safe, bytes kept separately. */
export interface UploadedFileInfo {
  file: true;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface UploadedFile extends UploadedFileInfo {
  field: string;
  bytes: Uint8Array;
}

export type ParamsResult =
  | { ok: true; params: Record<string, unknown>; files: UploadedFile[] }
  | { ok: false; description: string };

/**
 * Reads parameters the way the Bot API does: query string, then a JSON, urlencoded or
 * multipart body. Form fields listed in `jsonFields` carry JSON-serialized objects
 * (e.g. `reply_markup`), so they are decoded to match what a JSON body would have sent.
 */
export async function readRequestParams(
  contentType: string | undefined,
  url: URL,
  body: Buffer,
  jsonFields: ReadonlySet<string>,
): Promise<ParamsResult> {
  const params: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  for (const [key, value] of url.searchParams) params[key] = decodeField(key, value, jsonFields);
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (body.length === 0) return { ok: true, params, files };

  if (type === "application/json") {
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return { ok: false, description: "Bad Request: can't parse JSON object" };
      }
      Object.assign(params, parsed);
    } catch {
      return { ok: false, description: "Bad Request: can't parse JSON object" };
    }
  } else if (type === "application/x-www-form-urlencoded") {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) {
      params[key] = decodeField(key, value, jsonFields);
    }
  } else if (type === "multipart/form-data") {
    const boundary = multipartBoundary(contentType);
    const parts = boundary === undefined ? undefined : parseMultipart(body, boundary);
    if (!parts)
      return { ok: false, description: "Bad Request: can't parse multipart/form-data body" };
    const filesByField = new Map<string, UploadedFile>();
    for (const part of parts) {
      if (part.fileName === undefined) {
        params[part.name] = decodeField(part.name, part.data.toString("utf8"), jsonFields);
        continue;
      }
      const bytes = new Uint8Array(part.data);
      filesByField.set(part.name, {
        file: true,
        field: part.name,
        fileName: part.fileName,
        mimeType: part.contentType ?? "application/octet-stream",
        size: bytes.byteLength,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes,
      });
    }
    resolveAttachments(params, filesByField);
    files.push(...filesByField.values());
  }
  return { ok: true, params, files };
}

function decodeField(key: string, value: string, jsonFields: ReadonlySet<string>): unknown {
  if (!jsonFields.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Puts each uploaded file under the parameter it belongs to. Clients either name the part after
 * the parameter (`photo`) or send `photo=attach://<part>` and the file as part `<part>`, which is
 * what grammY does; Telegram accepts both.
 */
function resolveAttachments(
  params: Record<string, unknown>,
  filesByField: Map<string, UploadedFile>,
): void {
  const describe = ({ bytes: _bytes, field: _field, ...info }: UploadedFile): UploadedFileInfo =>
    info;
  const attached = new Set<string>();
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== "string" || !value.startsWith("attach://")) continue;
    const file = filesByField.get(value.slice("attach://".length));
    if (!file) continue;
    params[key] = describe(file);
    file.field = key;
    attached.add(value.slice("attach://".length));
  }
  for (const [name, file] of filesByField) {
    if (!attached.has(name)) params[name] = describe(file);
  }
}
