export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = "\r\n";

export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return match?.[1] ?? match?.[2];
}

/**
 * A lenient multipart/form-data reader. Fetch's own `formData()` rejects bodies that Telegram
 * accepts, such as grammY's `content-disposition:form-data;name="x";filename=a.png` (no spaces,
 * unquoted filename), so the fake parses parts itself. Returns undefined for a malformed body.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  if (at === -1) return undefined;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === "--") return parts;
    if (body.subarray(at, at + 2).toString() !== CRLF) return undefined;
    at += 2;
    const headerEnd = body.indexOf(`${CRLF}${CRLF}`, at);
    if (headerEnd === -1) return undefined;
    const next = body.indexOf(Buffer.from(`${CRLF}--${boundary}`), headerEnd);
    if (next === -1) return undefined;
    const part = readPartHeaders(body.subarray(at, headerEnd).toString("utf8"));
    if (!part) return undefined;
    parts.push({ ...part, data: body.subarray(headerEnd + 4, next) });
    at = next + CRLF.length;
  }
}

function readPartHeaders(raw: string): Omit<MultipartPart, "data"> | undefined {
  let disposition = "";
  let contentType: string | undefined;
  for (const line of raw.split(CRLF)) {
    const colon = line.indexOf(":");
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    if (name === "content-type") contentType = value;
  }
  const params = new Map<string, string>();
  const pattern = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of disposition.matchAll(pattern)) {
    params.set((match[1] as string).toLowerCase(), (match[2] ?? match[3] ?? "").trim());
  }
  const name = params.get("name");
  if (name === undefined) return undefined;
  const fileName = params.get("filename");
  return {
    name,
    ...(fileName !== undefined ? { fileName } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}
