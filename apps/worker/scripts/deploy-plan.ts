// What `pnpm run deploy` needs to know from wrangler.jsonc and the Worker's settings, as pure
// functions so the deploy steps stay testable without an account.

/** Strips `//` and block comments and trailing commas outside strings: enough for wrangler.jsonc. */
export function parseJsonc(text: string): unknown {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const next = text[i + 1];
    if (inString) {
      out += char;
      if (char === "\\") {
        out += next ?? "";
        i++;
      } else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (char === "/" && next === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (char === "/" && next === "*") {
      i = text.indexOf("*/", i + 2) + 1;
      if (i === 0) break;
    } else out += char;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

export interface WranglerFacts {
  workerName: string;
  bucketName: string;
  vars: Record<string, string>;
}

export function readWranglerFacts(config: unknown): WranglerFacts {
  const record = config as {
    name?: string;
    vars?: Record<string, string>;
    r2_buckets?: Array<{ bucket_name?: string }>;
  };
  return {
    workerName: record.name ?? "molt-agent",
    bucketName: record.r2_buckets?.[0]?.bucket_name ?? "molt-workspaces",
    vars: record.vars ?? {},
  };
}

export interface MissingSecret {
  name: string;
  why: string;
}

/**
 * The secrets this deploy still needs, from the names already set and the vars: Access always,
 * at least one channel, and the key the chosen `MODEL` needs (none for Workers AI).
 */
export function findMissingSecrets(
  setNames: ReadonlySet<string>,
  vars: Record<string, string>,
): MissingSecret[] {
  const has = (name: string) => setNames.has(name) || Boolean(vars[name]);
  const missing: MissingSecret[] = [];
  for (const name of ["ACCESS_TEAM_DOMAIN", "ACCESS_AUD"]) {
    if (!has(name)) missing.push({ name, why: "the admin API and UI stay closed without Access" });
  }
  const telegram = has("TELEGRAM_BOT_TOKEN") || has("TELEGRAM_WEBHOOK_SECRET");
  const slack = has("SLACK_BOT_TOKEN") || has("SLACK_SIGNING_SECRET");
  if (telegram || !slack) {
    if (!has("TELEGRAM_BOT_TOKEN"))
      missing.push({ name: "TELEGRAM_BOT_TOKEN", why: "from @BotFather" });
    if (!has("TELEGRAM_WEBHOOK_SECRET")) {
      missing.push({
        name: "TELEGRAM_WEBHOOK_SECRET",
        why: "16-256 characters of A-Z a-z 0-9 _ - (e.g. `openssl rand -hex 32`)",
      });
    }
  }
  if (slack) {
    for (const name of ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]) {
      if (!has(name)) missing.push({ name, why: "from the Slack app's settings" });
    }
  }
  const provider = (vars.MODEL ?? "").split("/")[0];
  const gatewayKeys = has("AI_GATEWAY_TOKEN");
  if (provider === "openai" && !has("OPENAI_API_KEY") && !gatewayKeys) {
    missing.push({
      name: "OPENAI_API_KEY",
      why: "MODEL is openai/... (or store it in an authenticated AI Gateway)",
    });
  }
  if (provider === "anthropic" && !has("ANTHROPIC_API_KEY") && !gatewayKeys) {
    missing.push({
      name: "ANTHROPIC_API_KEY",
      why: "MODEL is anthropic/... (or store it in an authenticated AI Gateway)",
    });
  }
  if (provider === "openai-compatible" && !has("OPENAI_BASE_URL")) {
    missing.push({ name: "OPENAI_BASE_URL", why: "MODEL is openai-compatible/..." });
  }
  if (has("AI_GATEWAY_ID") !== has("AI_GATEWAY_ACCOUNT_ID")) {
    const name = has("AI_GATEWAY_ID") ? "AI_GATEWAY_ACCOUNT_ID" : "AI_GATEWAY_ID";
    missing.push({ name, why: "AI Gateway needs both AI_GATEWAY_ID and AI_GATEWAY_ACCOUNT_ID" });
  }
  return missing;
}

/** `wrangler r2 bucket list` prints `name:  <bucket>` lines. */
export function parseBucketNames(output: string): string[] {
  return [...output.matchAll(/^name:\s+(\S+)/gm)].map((match) => match[1] ?? "");
}

/** `wrangler deploy` prints the Worker's URL(s); the first workers.dev or custom https one. */
export function findDeployedUrl(output: string): string | undefined {
  return /https:\/\/[\w.-]+\.workers\.dev\b/.exec(output)?.[0];
}
