/**
 * How to set a missing or malformed setting, said for where the stack runs: locally a line in
 * `.dev.vars` and a restart of the dev command; deployed a secret (or a var in wrangler.jsonc)
 * and, for vars, a deploy. `wrangler` is a dev dependency, not on PATH: it runs through pnpm.
 */
import type { ConfigCheck } from "@molt/contracts";

export const PNPM_COMMAND = "npx -y pnpm@10.34.8";

export type StackPlace = "local" | "deployed";

/**
 * Settings kept in wrangler.jsonc `vars`: a secret of the same name would clash with them.
 * `setting-fix.test.ts` checks this list against wrangler.jsonc.
 */
export const WRANGLER_VARS: ReadonlySet<string> = new Set([
  "TELEGRAM_API_BASE_URL",
  "SLACK_API_BASE_URL",
  "MODEL",
  "MODELS",
  "MODEL_FALLBACKS",
  "AI_GATEWAY_BASE_URL",
  "DEV_MODE",
  "DAILY_TOKEN_LIMIT",
  "SESSION_RESET_HOUR",
  "HEARTBEAT_INTERVAL_MINUTES",
  "APPROVAL_POLICY",
  "APPROVAL_TIMEOUT_MINUTES",
  "HEARTBEAT_ACTIVE_HOURS",
  "MAX_RECURRING_REMINDERS",
  "MIN_TASK_INTERVAL_MINUTES",
  "BRAVE_SEARCH_API_BASE_URL",
  "BROWSER_CDP_URL",
  "WEB_ALLOW_LOOPBACK",
  "WEB_TIMEOUT_SECONDS",
  "WEB_DNS_RESOLVER_URL",
  "MCP_ALLOW_USER_SERVERS",
  "PUBLIC_URL",
  "SANDBOX_LOCAL_URL",
  "SANDBOX_SLEEP_AFTER",
  "VOICE_REPLIES",
  "TTS_BASE_URL",
  "WORKERS_AI_REST_URL",
  "IMAGE_INPUT_MODELS",
  "VISION_MODEL",
  "SHOW_TRANSCRIPT",
  "TRANSCRIPTION_MODEL",
]);

export interface SettingFix {
  /** One sentence saying what to do with `lines`. */
  hint: string;
  /** What to paste: `.dev.vars` lines locally, commands (or wrangler.jsonc lines) deployed. */
  lines: string[];
}

/** Host names that only ever mean this machine; a DNS name that merely resolves here is not one. */
const LOOPBACK_HOST_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackHostName(hostname: string): boolean {
  return LOOPBACK_HOST_NAMES.has(hostname);
}

/** `wrangler dev` answers on localhost; anything else is a deployed Worker. */
export function stackPlaceOf(requestUrl: string): StackPlace {
  return isLoopbackHostName(new URL(requestUrl).hostname) ? "local" : "deployed";
}

export function settingFix(names: readonly string[], place: StackPlace): SettingFix {
  if (place === "local") {
    return {
      hint: `Add these lines to .dev.vars in the project folder with your values, then restart ${PNPM_COMMAND} dev (Ctrl-C, then start it again).`,
      lines: names.map((name) => `${name}=`),
    };
  }
  const secrets = names.filter((name) => !WRANGLER_VARS.has(name));
  const vars = names.filter((name) => WRANGLER_VARS.has(name));
  const hints = [
    secrets.length
      ? "Run each command in the project folder and paste the value when asked; the Worker uses it at once."
      : "",
    vars.length
      ? `Set ${vars.length === 1 ? "this var" : "these vars"} in wrangler.jsonc, then run ${PNPM_COMMAND} exec wrangler deploy.`
      : "",
  ];
  return {
    hint: hints.filter(Boolean).join(" "),
    lines: [
      ...secrets.map((name) => `${PNPM_COMMAND} exec wrangler secret put ${name}`),
      ...vars.map((name) => `"${name}": "…"`),
    ],
  };
}

/** The same advice in one sentence, for error answers that name missing settings. */
export function describeHowToSet(place: StackPlace | undefined): string {
  if (place === "local") {
    return `Add them to .dev.vars and restart ${PNPM_COMMAND} dev.`;
  }
  if (place === "deployed") {
    return `Set them with ${PNPM_COMMAND} exec wrangler secret put NAME.`;
  }
  return `Set them in .dev.vars (local) or with ${PNPM_COMMAND} exec wrangler secret put NAME (deployed).`;
}

/** A configuration row's `fix` and `fixHint` for these settings (each named once). */
export function checkFix(
  names: readonly string[],
  place: StackPlace,
): Pick<ConfigCheck, "fix" | "fixHint"> {
  const { hint, lines } = settingFix([...new Set(names)], place);
  return { fix: lines, fixHint: hint };
}
