/** The longest name a status line quotes (a command, a host, a file); longer ones are cut. */
const MAX_SUBJECT_CHARS = 40;

/**
 * One short line saying what the agent is doing while a tool runs, e.g. "running `pytest`…" or
 * "reading example.com…". It names only the program, host or file: never the whole command
 * line (which may carry tokens), a search query, or anything the tool returns. The quoted part
 * is the only Markdown (inline code); channels escape the rest for their own format.
 */
export function describeToolCall(name: string, input: unknown): string {
  const args =
    typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  switch (name) {
    case "shell":
    case "start_process": {
      const program = programName(args.command);
      return program ? `running ${code(program)}…` : "running a command…";
    }
    case "web_fetch":
    case "browser_open": {
      const host = hostOf(args.url);
      return host ? `reading ${host}…` : "reading a web page…";
    }
    case "web_search":
      return "searching the web…";
    case "browser_read":
    case "browser_click":
    case "browser_type":
    case "browser_screenshot":
      return "using the browser…";
    case "read_file":
    case "write_file":
    case "edit_file": {
      const file = fileName(args.path);
      const verb = name === "read_file" ? "reading" : "editing";
      return file ? `${verb} ${code(file)}…` : `${verb} a file…`;
    }
    case "list_files":
    case "search_files":
      return "looking through files…";
    case "search_memory":
    case "remember":
    case "forget":
      return "checking memory…";
    case "send_file":
      return "sending a file…";
    default:
      return `using ${code(clean(name) || "a tool")}…`;
  }
}

function programName(command: unknown): string | undefined {
  if (typeof command !== "string") return undefined;
  // Leading `VAR=value` assignments may hold secrets; the program is the first other word.
  const words = command
    .trim()
    .split(/\s+/)
    .filter((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  const first = words[0];
  if (!first) return undefined;
  return clean(first.split("/").at(-1) ?? first);
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== "string" || !URL.canParse(url)) return undefined;
  return clean(new URL(url).hostname);
}

function fileName(path: unknown): string | undefined {
  if (typeof path !== "string") return undefined;
  return clean(path.split("/").filter(Boolean).at(-1) ?? "");
}

/** Keeps the quoted part on one line, free of backticks and control characters, and short. */
function clean(text: string): string {
  const plain = text.replace(/[`\p{Cc}\p{Cf}]/gu, "").trim();
  return plain.length > MAX_SUBJECT_CHARS ? `${plain.slice(0, MAX_SUBJECT_CHARS - 1)}…` : plain;
}

function code(text: string): string {
  return `\`${text}\``;
}
