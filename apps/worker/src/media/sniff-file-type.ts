/** Picture types model providers take as image input, by their first bytes. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const at = (index: number) => bytes[index] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg";
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return "image/png";
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46) return "image/gif";
  const riff = String.fromCharCode(...bytes.subarray(0, 4));
  const webp = String.fromCharCode(...bytes.subarray(8, 12));
  if (riff === "RIFF" && webp === "WEBP") return "image/webp";
  return undefined;
}

const TEXT_EXTENSIONS = new Set([
  "txt",
  "md",
  "markdown",
  "json",
  "yaml",
  "yml",
  "toml",
  "ini",
  "log",
  "ts",
  "tsx",
  "js",
  "jsx",
  "mjs",
  "cjs",
  "py",
  "rb",
  "go",
  "rs",
  "java",
  "kt",
  "c",
  "h",
  "cpp",
  "hpp",
  "cs",
  "php",
  "sh",
  "bash",
  "zsh",
  "sql",
  "css",
  "scss",
  "swift",
  "r",
  "lua",
  "pl",
  "env",
  "tsv",
]);

/** Plain text and code files: read as they are, no converter needed. */
export function isPlainTextFile(fileName: string, mimeType: string | undefined): boolean {
  const extension = fileName.split(".").pop()?.toLowerCase() ?? "";
  if (TEXT_EXTENSIONS.has(extension)) return true;
  const type = mimeType ?? "";
  return (
    (type.startsWith("text/") && type !== "text/html" && type !== "text/csv") ||
    type === "application/json"
  );
}

/** The text of a plain text file; undefined when the bytes are not UTF-8 text. */
export function decodePlainText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    // A NUL byte means a binary file that happens to decode.
    return text.includes("\u0000") ? undefined : text;
  } catch {
    return undefined;
  }
}
