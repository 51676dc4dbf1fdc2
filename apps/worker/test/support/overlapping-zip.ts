import { deflateSync, strToU8 } from "fflate";

/**
 * A zip whose central directory lists `entries` workspace files that all point at the same local
 * data, each declaring an uncompressed size of 0: the overlap bomb. `stored` data is copied once
 * per listed entry by a reader that trusts the central directory; `deflated` data declares 0
 * while inflating to `payloadBytes`.
 */
export function buildOverlappingZip(options: {
  manifest: string;
  entries: number;
  payloadBytes: number;
  method: "stored" | "deflated";
}): Uint8Array {
  const raw = new Uint8Array(options.payloadBytes).fill(0x61);
  const method = options.method === "stored" ? 0 : 8;
  const data = method === 0 ? raw : deflateSync(raw, { level: 9 });
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const addLocal = (name: string, body: Uint8Array, entryMethod: number, size: number) => {
    const at = offset;
    const header = localHeader(strToU8(name), body.length, entryMethod, size);
    parts.push(header, body);
    offset += header.length + body.length;
    return at;
  };
  const manifest = strToU8(options.manifest);
  const manifestAt = addLocal("manifest.json", manifest, 0, manifest.length);
  const dataAt = addLocal("workspace/shared.txt", data, method, 0);
  central.push(centralHeader("manifest.json", manifestAt, 0, manifest.length, manifest.length));
  for (let i = 0; i < options.entries; i++) {
    central.push(centralHeader(`workspace/copy-${i}.txt`, dataAt, method, data.length, 0));
  }
  const centralBytes = central.reduce((sum, part) => sum + part.length, 0);
  const count = options.entries + 1;
  const end = bytes([
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(count),
    ...u16(count),
    ...u32(centralBytes),
    ...u32(offset),
    ...u16(0),
  ]);
  return concat([...parts, ...central, end]);
}

function localHeader(name: Uint8Array, compressed: number, method: number, size: number) {
  const fixed = [
    ...u32(0x04034b50),
    ...u16(20),
    ...u16(0),
    ...u16(method),
    ...u16(0),
    ...u16(0),
    ...u32(0),
    ...u32(compressed),
    ...u32(size),
    ...u16(name.length),
    ...u16(0),
  ];
  return concat([bytes(fixed), name]);
}

function centralHeader(name: string, at: number, method: number, compressed: number, size: number) {
  const encoded = strToU8(name);
  const fixed = [
    ...u32(0x02014b50),
    ...u16(20),
    ...u16(20),
    ...u16(0),
    ...u16(method),
    ...u16(0),
    ...u16(0),
    ...u32(0),
    ...u32(compressed),
    ...u32(size),
    ...u16(encoded.length),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...u32(0),
    ...u32(at),
  ];
  return concat([bytes(fixed), encoded]);
}

const u16 = (v: number) => [v & 255, (v >>> 8) & 255];
const u32 = (v: number) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
const bytes = (values: number[]) => new Uint8Array(values);

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
