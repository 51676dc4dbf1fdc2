import { spawnSync } from "node:child_process";
import path from "node:path";
import type { SearchFilesResult } from "@molt/contracts";
import { CappedOutput } from "./capped-output";
import { ownerFor } from "./file-owner";
import { openDirectoryBeneath, openFileBeneath, walkBeneath } from "./open-beneath";
import { RuntimeError } from "./runtime-error";
import { type CommandContext, pathSeenInside, spawnConfined } from "./spawn-command";
import type { WorkspaceRoot } from "./workspace-paths";

const SEARCH_TIMEOUT_MS = 30_000;
const MAX_LINE_CHARS = 500;
const MAX_SCANNED_FILE_BYTES = 4 * 1024 * 1024;
const MAX_RIPGREP_OUTPUT_BYTES = 32 * 1024 * 1024;
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

/**
 * Searches file contents with ripgrep when it is installed, else with a plain walk. ripgrep runs
 * confined like a command (as the command user, under bubblewrap locally), so whatever links it
 * meets it reads only what a command could; the walk opens nothing by a checked name.
 */
export async function searchWorkspaceFiles(
  root: WorkspaceRoot,
  options: SearchOptions,
  useRipgrep: boolean,
  context: Omit<CommandContext, "cwd">,
): Promise<SearchFilesResult> {
  const parts = root.split(options.path);
  const confined = context.confinement.kind !== "refused";
  if (useRipgrep && confined) {
    const start = path.join(root.dir, ...parts);
    return searchWithRipgrep(start, options, { ...context, cwd: root.dir });
  }
  return searchBuiltin(root, parts, options, context);
}

function searchWithRipgrep(
  start: string,
  options: SearchOptions,
  context: CommandContext,
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
  const workspaceSeen = pathSeenInside(context.workspaceDir, context);
  args.push("--regexp", options.pattern, "--", pathSeenInside(start, context));
  const child = spawnConfined(["rg", ...args], context);
  const stdout = new CappedOutput(MAX_RIPGREP_OUTPUT_BYTES);
  let stderr = "";
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, SEARCH_TIMEOUT_MS);
  child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new RuntimeError("bad_request", `Search failed: ${error.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // Exit 1 means "no match"; 2 is a real error (e.g. a bad regex).
      if (code !== 0 && code !== 1) {
        reject(
          new RuntimeError("bad_request", `Search failed: ${stderr.trim() || `exit ${code}`}`),
        );
        return;
      }
      const matches: SearchFilesResult["matches"] = [];
      let truncated = false;
      for (const line of stdout.text().split("\n")) {
        if (!line.startsWith('{"type":"match"')) continue;
        if (matches.length >= options.maxResults) {
          truncated = true;
          break;
        }
        const event = JSON.parse(line) as {
          data: { path: { text?: string }; line_number: number; lines: { text?: string } };
        };
        matches.push({
          path: path.relative(workspaceSeen, event.data.path.text ?? ""),
          line: event.data.line_number,
          text: clip((event.data.lines.text ?? "").replace(/\r?\n$/, "")),
        });
      }
      resolve({ matches, truncated, engine: "ripgrep" });
    });
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

/** The files to scan: the start itself when it is a file, else every file below it. */
async function* filesToScan(root: WorkspaceRoot, parts: string[], shown: string) {
  const start = await openDirectoryBeneath(root.dir, parts, shown).catch((error: unknown) => {
    if (error instanceof RuntimeError && error.code === "bad_request") return null;
    throw error;
  });
  if (!start) {
    yield parts;
    return;
  }
  await start.close();
  const walk = walkBeneath(root.dir, parts, { recursive: true, skipDirs: BUILTIN_SKIP_DIRS });
  for await (const { path: below, info } of walk) {
    if (info.isFile() && Number(info.size) <= MAX_SCANNED_FILE_BYTES) {
      yield [...parts, ...below.split("/")];
    }
  }
}

async function searchBuiltin(
  root: WorkspaceRoot,
  parts: string[],
  options: SearchOptions,
  context: Omit<CommandContext, "cwd">,
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
  const owner = ownerFor(context.runAs);
  for await (const fileParts of filesToScan(root, parts, options.path ?? ".")) {
    const relative = fileParts.join("/");
    if (glob && !glob.test(relative)) continue;
    const file = await openFileBeneath(root.dir, fileParts, relative, "read", { owner }).catch(
      () => null,
    );
    if (!file) continue;
    const bytes = await file.readFile().finally(() => file.close());
    if (bytes.byteLength > MAX_SCANNED_FILE_BYTES || bytes.subarray(0, 8000).includes(0)) continue;
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
