import { z } from "zod";

/**
 * Many files in one binary body, for restoring a workspace and exporting its changes: a 4-byte
 * big-endian header length, a JSON header listing each file's path and size, then the files'
 * bytes back to back. Raw bytes avoid base64-in-JSON, which costs more than the copy itself.
 */
export const FILE_BUNDLE_CONTENT_TYPE = "application/vnd.molt.file-bundle";

export const fileBundleHeaderSchema = z.object({
  files: z.array(z.object({ path: z.string().min(1).max(1024), size: z.number().int().min(0) })),
  /** Export only: paths asked for that no longer exist. */
  missing: z.array(z.string()).default([]),
});
export type FileBundleHeader = z.infer<typeof fileBundleHeaderSchema>;

export interface BundledFile {
  path: string;
  bytes: Uint8Array;
}

export function encodeFileBundle(files: BundledFile[], missing: string[] = []): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({
      files: files.map((file) => ({ path: file.path, size: file.bytes.byteLength })),
      missing,
    }),
  );
  const total = 4 + header.byteLength + files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.byteLength);
  out.set(header, 4);
  let at = 4 + header.byteLength;
  for (const file of files) {
    out.set(file.bytes, at);
    at += file.bytes.byteLength;
  }
  return out;
}

export class FileBundleError extends Error {}

export function decodeFileBundle(body: Uint8Array): { files: BundledFile[]; missing: string[] } {
  if (body.byteLength < 4) throw new FileBundleError("The file bundle is empty.");
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const headerLength = view.getUint32(0);
  if (4 + headerLength > body.byteLength)
    throw new FileBundleError("The file bundle header is cut.");
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(body.subarray(4, 4 + headerLength)));
  } catch {
    throw new FileBundleError("The file bundle header is not JSON.");
  }
  const parsed = fileBundleHeaderSchema.safeParse(raw);
  if (!parsed.success) throw new FileBundleError("The file bundle header is malformed.");
  let at = 4 + headerLength;
  const files: BundledFile[] = [];
  for (const entry of parsed.data.files) {
    if (at + entry.size > body.byteLength) throw new FileBundleError("The file bundle is cut.");
    files.push({ path: entry.path, bytes: body.subarray(at, at + entry.size) });
    at += entry.size;
  }
  if (at !== body.byteLength) throw new FileBundleError("The file bundle has trailing bytes.");
  return { files, missing: parsed.data.missing };
}
