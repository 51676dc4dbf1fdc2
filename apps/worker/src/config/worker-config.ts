import { z } from "zod";
import { modelSpecSchema } from "../model/model-spec";

/** Empty strings count as unset: `.dev.vars` and dashboards often hold blank values. */
const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const optionalUrl = optional.pipe(z.url({ protocol: /^https?$/ }).optional());

const commaList = optional.transform((value) =>
  value
    ? value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)
    : [],
);

/** A comma list of `provider/model` names, each checked like `MODEL`. */
const modelList = commaList.pipe(
  z.array(
    z.string().refine((name) => modelSpecSchema.safeParse(name).success, {
      message: "expected a comma list of provider/model names, e.g. openai/gpt-5-mini",
    }),
  ),
);

/** A whole number in a range, or unset when empty. */
const optionalInt = (min: number, max: number) =>
  optional
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(z.number().int().min(min).max(max).optional());
/**
 * `SANDBOX_SLEEP_AFTER` in exactly the forms the Sandbox SDK accepts: its `sleepAfter` is parsed
 * by `parseTimeExpression` of `@cloudflare/containers` (`/^(\d+)([smh])$/`, or a number of
 * seconds); bare digits are seconds and are passed on as `<n>s`. Anything else is refused here:
 * the SDK stores the value before parsing it, so a bad one would break the user's Sandbox object.
 */
const sleepAfterSchema = z
  .string()
  .regex(
    /^\d+[smh]?$/,
    "give seconds (600) or a whole number with s, m or h (600s, 10m, 1h), as the Sandbox SDK reads it",
  )
  .transform((value) => (/^\d+$/.test(value) ? `${value}s` : value));

/** How long a web page may take to load, for web_fetch and the browser alike. */
export const DEFAULT_WEB_TIMEOUT_SECONDS = 15;

export const workerEnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_WEBHOOK_SECRET: optional.pipe(
    z
      .string()
      // Telegram's own rule for `secret_token` (1-256 of these), and long enough to be a secret.
      .regex(
        /^[A-Za-z0-9_-]{16,256}$/,
        "use 16 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram accepts no others), e.g. `openssl rand -hex 32`",
      )
      .optional(),
  ),
  TELEGRAM_API_BASE_URL: optionalUrl,
  TELEGRAM_ALLOW_FROM: commaList,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_BASE_URL: optionalUrl,
  SLACK_ALLOW_FROM: commaList,
  MODEL: optional,
  /** Models people may pick with /model, besides MODEL (the default). */
  MODELS: modelList,
  /** Tried in order when the person's model fails (429, 5xx, timeout, unreachable). */
  MODEL_FALLBACKS: modelList,
  AI_GATEWAY_ID: optional,
  AI_GATEWAY_ACCOUNT_ID: optional,
  AI_GATEWAY_TOKEN: optional,
  /** Where AI Gateway is reached; tests point it at a fake. Default DEFAULT_AI_GATEWAY_BASE_URL. */
  AI_GATEWAY_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optional,
  ANTHROPIC_API_KEY: optional,
  OPENAI_BASE_URL: optionalUrl,
  ACCESS_TEAM_DOMAIN: optional,
  ACCESS_AUD: optional,
  SANDBOX_LOCAL_URL: optionalUrl,
  SANDBOX_LOCAL_TOKEN: optional,
  SANDBOX_SLEEP_AFTER: optional.pipe(sleepAfterSchema.optional()),
  DAILY_TOKEN_LIMIT: optionalInt(1, 1_000_000_000),
  SESSION_RESET_HOUR: optionalInt(0, 23),
  HEARTBEAT_INTERVAL_MINUTES: optionalInt(5, 24 * 60),
  /** Recurring reminders per person; empty: DEFAULT_REMINDER_LIMITS. */
  MAX_RECURRING_REMINDERS: optionalInt(0, 1000),
  /** Shortest time between two runs of a recurring task (a full turn); empty: the default. */
  MIN_TASK_INTERVAL_MINUTES: optionalInt(1, 7 * 24 * 60),
  /** Which tool calls wait for a person's yes: untrusted (default), always, off. */
  APPROVAL_POLICY: optional.pipe(z.enum(["untrusted", "always", "off"]).optional()),
  /** How long an approval question waits before it counts as denied; default 30. */
  APPROVAL_TIMEOUT_MINUTES: optionalInt(1, 7 * 24 * 60),
  HEARTBEAT_ACTIVE_HOURS: optional.pipe(
    z
      .string()
      .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-4])$/, "expected hours like 8-22")
      .optional(),
  ),
  DEV_MODE: optional.transform((value) => value === "true"),
  BRAVE_SEARCH_API_KEY: optional,
  BRAVE_SEARCH_API_BASE_URL: optionalUrl,
  BROWSER_CDP_URL: optionalUrl,
  /** DNS over HTTPS (JSON) used to check where web tool host names point; Cloudflare's by default. */
  WEB_DNS_RESOLVER_URL: optionalUrl,
  WEB_ALLOW_LOOPBACK: optional.transform((value) => value === "true"),
  /** People may add their own MCP servers from chat; off by default. */
  MCP_ALLOW_USER_SERVERS: optional.transform((value) => value === "true"),
  /** The Worker's public origin, where MCP OAuth sign-ins come back to. */
  PUBLIC_URL: optionalUrl,
  WEB_TIMEOUT_SECONDS: optional
    .transform((value) => (value === undefined ? DEFAULT_WEB_TIMEOUT_SECONDS : Number(value)))
    .pipe(z.number().int().min(1).max(120)),
  /** `off`: never answer a voice message with a voice note (text only). Default on. */
  VOICE_REPLIES: optional.pipe(z.enum(["on", "off"]).optional()),
  /**
   * An OpenAI-compatible speech endpoint (`POST {url}/audio/speech`) instead of Workers AI:
   * for local development and the tests, or a text-to-speech server of your own.
   */
  TTS_BASE_URL: optionalUrl,
  // Received files (photos, voice notes, documents): see apps/worker/src/media/.
  /** A Workers AI REST endpoint used instead of the AI binding (local development and tests). */
  WORKERS_AI_REST_URL: optionalUrl,
  /** The API token sent to WORKERS_AI_REST_URL (Cloudflare's REST API needs one; the fake does not). */
  WORKERS_AI_API_TOKEN: optional,
  /** Models that take images besides the known ones (`modelAcceptsImages`); `none` for none. */
  IMAGE_INPUT_MODELS: commaList,
  /** A Workers AI vision model that describes pictures for a model that cannot see them. */
  VISION_MODEL: optional.pipe(
    z
      .string()
      .regex(/^@cf\//, "expected a Workers AI model id like @cf/llava-hf/llava-1.5-7b-hf")
      .optional(),
  ),
  /** Empty: Workers AI Whisper; `openai/<model>`: OpenAI's transcription (OPENAI_API_KEY). */
  TRANSCRIPTION_MODEL: optional.pipe(
    z
      .string()
      .regex(
        /^openai\/[\w.-]+$/,
        "expected openai/<model>, e.g. openai/gpt-4o-mini-transcribe (empty: Workers AI Whisper)",
      )
      .optional(),
  ),
  /** Whether an answer to a voice note starts with what was understood; `false` turns it off. */
  SHOW_TRANSCRIPT: optional.transform((value) => value !== "false"),
});

export type WorkerEnvValues = z.infer<typeof workerEnvSchema>;
type SettingName = keyof WorkerEnvValues;

export interface ConfigProblem {
  /** The setting at fault, as named in wrangler.jsonc and `wrangler secret put`. */
  name: SettingName;
  message: string;
}

export interface WorkerConfig {
  /** Every setting; a malformed one reads as unset, and is listed in `problems`. */
  values: WorkerEnvValues;
  problems: ConfigProblem[];
}

/** Both or neither: one without the other would silently bypass the gateway. */
export const AI_GATEWAY_PAIR = ["AI_GATEWAY_ID", "AI_GATEWAY_ACCOUNT_ID"] as const;
export const AI_GATEWAY_PAIR_MESSAGE =
  "AI_GATEWAY_ID and AI_GATEWAY_ACCOUNT_ID must be set together (the gateway's name and the account id in its URL); set both, or neither to call providers directly";

/** The entry Worker and each Durable Object get their own env object: one entry each. */
const parsedConfigs = new WeakMap<object, WorkerConfig>();

/**
 * Parses the Worker's vars and secrets once per env object, each on its own, so one malformed
 * setting disables only what needs it. Never throws.
 */
export function readWorkerConfig(env: object): WorkerConfig {
  const known = parsedConfigs.get(env);
  if (known) return known;
  const raw = env as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, schema] of Object.entries(workerEnvSchema.shape)) {
    const parsed = schema.safeParse(raw[name]);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      problems.push({
        name: name as SettingName,
        message: parsed.error.issues[0]?.message ?? "invalid",
      });
      values[name] = schema.parse(undefined);
    }
  }
  // Settings that only make sense together.
  if (Boolean(values.AI_GATEWAY_ID) !== Boolean(values.AI_GATEWAY_ACCOUNT_ID)) {
    for (const name of AI_GATEWAY_PAIR) problems.push({ name, message: AI_GATEWAY_PAIR_MESSAGE });
  }
  const config = { values: values as WorkerEnvValues, problems };
  parsedConfigs.set(env, config);
  return config;
}

/** Names of the given settings that are malformed, with why, for error messages. */
/** Why a group of settings is unusable: the required ones that are unset, and malformed ones. */
export function describeSettingsFault(
  config: WorkerConfig,
  required: readonly SettingName[],
  all: readonly SettingName[],
): { ok: false; names: string[]; reason: string } {
  // A malformed setting reads as unset; it is named once, as malformed, with why.
  const missing = required.filter(
    (name) => !config.values[name] && !config.problems.some((problem) => problem.name === name),
  );
  const names = [
    ...missing,
    ...config.problems.filter((problem) => all.includes(problem.name)).map((p) => p.name),
  ];
  const reason = [
    missing.length ? `missing ${missing.join(", ")}` : "",
    ...describeProblems(config, all),
  ]
    .filter(Boolean)
    .join("; ");
  return { ok: false, names, reason };
}

/** The settings among `names` that are set but malformed. */
export function malformedNames(config: WorkerConfig, names: readonly SettingName[]): SettingName[] {
  return config.problems
    .filter((problem) => names.includes(problem.name))
    .map((problem) => problem.name);
}

export function describeProblems(config: WorkerConfig, names: readonly SettingName[]): string[] {
  return config.problems
    .filter((problem) => names.includes(problem.name))
    .map((problem) => `${problem.name} is malformed (${problem.message})`);
}
