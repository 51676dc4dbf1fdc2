import { execFile, spawnSync } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import type { SearchFilesResult } from "@molt/contracts";
import { RuntimeError } from "./runtime-error";
import { walkFiles } from "./walk-files";
import type { WorkspaceRoot } from "./workspace-paths";

const SEARCH_TIMEOUT_MS = 30_000;
const MAX_LINE_CHARS = 500;
const MAX_SCANNED_FILE_BYTES = 4 * 1024 * 1024;
const BUILTIN_SKIP_DIRS = new Set([".git", "node_modules"]);

export interface SearchOptions {
  pattern: string;
  path?: string;
  literal: boolean;
  glob?: string;
  maxResults: number;
}

export function hasRipgrep(): boolean {
  return spawnSync("rg", ["--version"], { stdio: "ignore" }).status === 0;
}

function clip(text: string): string {
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text;
}

/** Searches file contents with ripgrep when it is installed, else with a plain walk. */
export async function searchWorkspaceFiles(
  root: WorkspaceRoot,
  options: SearchOptions,
  useRipgrep: boolean,
): Promise<SearchFilesResult> {
  const start = await root.resolve(options.path);
  return useRipgrep ? searchWithRipgrep(root, start, options) : searchBuiltin(root, start, options);
}

function searchWithRipgrep(
  root: WorkspaceRoot,
  start: string,
  options: SearchOptions,
): Promise<SearchFilesResult> {
  const args = [
    "--json",
    "--max-columns",
    String(MAX_LINE_CHARS),
    "--max-count",
    String(options.maxResults),
  ];
  if (options.literal) args.push("--fixed-strings");
  if (options.glob) args.push("--glob", options.glob);
  args.push("--regexp", options.pattern, "--", start);
  return new Promise((resolve, reject) => {
    execFile(
      "rg",
      args,
      { timeout: SEARCH_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Exit 1 means "no match"; 2 is a real error (e.g. a bad regex).
        const code = (error as { code?: number } | null)?.code;
        if (error && code !== 1) {
          reject(
            new RuntimeError("bad_request", `Search failed: ${stderr.trim() || error.message}`),
          );
          return;
        }
        const matches: SearchFilesResult["matches"] = [];
        let truncated = false;
        for (const line of stdout.split("\n")) {
          if (!line.startsWith('{"type":"match"')) continue;
          if (matches.length >= options.maxResults) {
            truncated = true;
            break;
          }
          const event = JSON.parse(line) as {
            data: { path: { text?: string }; line_number: number; lines: { text?: string } };
          };
          matches.push({
            path: root.relative(event.data.path.text ?? ""),
            line: event.data.line_number,
            text: clip((event.data.lines.text ?? "").replace(/\r?\n$/, "")),
          });
        }
        resolve({ matches, truncated, engine: "ripgrep" });
      },
    );
  });
}

function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === "*" && glob[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  // Like ripgrep, a glob without a slash matches the file name at any depth.
  return glob.includes("/") ? new RegExp(`^${source}$`) : new RegExp(`(^|/)${source}$`);
}

async function searchBuiltin(
  root: WorkspaceRoot,
  start: string,
  options: SearchOptions,
): Promise<SearchFilesResult> {
  let matcher: RegExp;
  try {
    const source = options.literal
      ? options.pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      : options.pattern;
    matcher = new RegExp(source);
  } catch (error) {
    throw new RuntimeError(
      "bad_request",
      `Invalid regular expression: ${(error as Error).message}`,
    );
  }
  const glob = options.glob ? globToRegExp(options.glob) : null;
  const matches: SearchFilesResult["matches"] = [];
  const info = await stat(start).catch(() => null);
  const files = info?.isFile() ? [start] : walkFiles(start, { skipDirs: BUILTIN_SKIP_DIRS });
  for await (const file of files) {
    const relative = root.relative(file);
    if (glob && !glob.test(relative)) continue;
    const size = (await stat(file)).size;
    if (size > MAX_SCANNED_FILE_BYTES) continue;
    const bytes = await readFile(file);
    if (bytes.subarray(0, 8000).includes(0)) continue;
    const lines = bytes.toString("utf8").split("\n");
    for (let index = 0; index < lines.length; index++) {
      if (!matcher.test(lines[index] as string)) continue;
      if (matches.length >= options.maxResults)
        return { matches, truncated: true, engine: "builtin" };
      matches.push({ path: relative, line: index + 1, text: clip(lines[index] as string) });
    }
  }
  return { matches, truncated: false, engine: "builtin" };
}
