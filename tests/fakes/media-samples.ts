/**
 * Small real files for media tests, and how the fakes read them back. A "voice note" is a real
 * Ogg page header followed by a `SPEECH:` line: the fake transcriber hears that line, so a test
 * decides what was "said" without shipping recordings.
 */

const SPEECH_MARKER = "SPEECH:";

/** An Ogg (Opus) voice note whose spoken words are `words`. */
export function sampleVoiceNote(words: string): Buffer {
  const header = Buffer.from("OggS\0\x02\0\0\0\0\0\0\0\0", "latin1");
  return Buffer.concat([header, Buffer.from(`OpusHead\n${SPEECH_MARKER}${words}\n`, "utf8")]);
}

/** A one-page PDF whose text is `text` (a real, minimal PDF 1.4 file). */
export function samplePdf(text: string): Buffer {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 12 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/**
 * A real grey PNG of the given size that any decoder opens (the deflate stream uses stored
 * blocks, so no compression library is needed and workerd can build it too).
 */
export function samplePng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width + 1) * height, 0x80);
  for (let row = 0; row < height; row++) raw[row * (width + 1)] = 0;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlibStored(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function zlibStored(data: Buffer): Buffer {
  const blocks: Buffer[] = [Buffer.from([0x78, 0x01])];
  for (let at = 0; at < data.length || at === 0; at += 65_535) {
    const part = data.subarray(at, at + 65_535);
    const header = Buffer.alloc(5);
    header[0] = at + 65_535 >= data.length ? 1 : 0;
    header.writeUInt16LE(part.length, 1);
    header.writeUInt16LE(part.length ^ 0xffff, 3);
    blocks.push(header, part);
    if (data.length === 0) break;
  }
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65_521;
    b = (b + a) % 65_521;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0, 0);
  blocks.push(adler);
  return Buffer.concat(blocks);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The words of a sample voice note; undefined when the audio has none (silence). */
export function heardWords(audio: Buffer): string | undefined {
  const text = audio.toString("utf8");
  const at = text.indexOf(SPEECH_MARKER);
  if (at === -1) return undefined;
  return text
    .slice(at + SPEECH_MARKER.length)
    .split("\n")[0]
    ?.trim();
}

/** Which audio container the bytes start with, as Whisper's decoder would sniff it. */
export function audioContainer(audio: Buffer): string | undefined {
  if (audio.subarray(0, 4).toString("latin1") === "OggS") return "ogg";
  if (audio.subarray(0, 4).toString("latin1") === "fLaC") return "flac";
  if (audio.subarray(0, 3).toString("latin1") === "ID3") return "mp3";
  if (audio[0] === 0xff && ((audio[1] ?? 0) & 0xe0) === 0xe0) return "mp3";
  if (
    audio.subarray(0, 4).toString("latin1") === "RIFF" &&
    audio.subarray(8, 12).toString("latin1") === "WAVE"
  )
    return "wav";
  if (audio.subarray(4, 8).toString("latin1") === "ftyp") return "mp4";
  if (audio.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return "webm";
  return undefined;
}

/** Width and height of a PNG or JPEG; undefined for anything else. */
export function imageDimensions(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.subarray(1, 4).toString("latin1") === "PNG" && bytes.length >= 24) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1] ?? 0;
      const length = bytes.readUInt16BE(at + 2);
      if (marker >= 0xc0 && marker <= 0xc3) {
        return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      }
      at += 2 + length;
    }
  }
  return undefined;
}

/** The text a PDF shows with `(...) Tj`; undefined when the file is not a whole PDF. */
export function pdfText(bytes: Buffer): string | undefined {
  const text = bytes.toString("latin1");
  if (!text.startsWith("%PDF-") || !text.trimEnd().endsWith("%%EOF")) return undefined;
  const shown = [...text.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)].map((match) =>
    (match[1] ?? "").replace(/\\(.)/g, "$1"),
  );
  return shown.join("\n");
}
