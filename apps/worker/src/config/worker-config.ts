import { z } from "zod";

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

export const workerEnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_WEBHOOK_SECRET: optional,
  TELEGRAM_API_BASE_URL: optionalUrl,
  TELEGRAM_ALLOW_FROM: commaList,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_BASE_URL: optionalUrl,
  SLACK_ALLOW_FROM: commaList,
  MODEL: optional,
  AI_GATEWAY_ID: optional,
  AI_GATEWAY_ACCOUNT_ID: optional,
  AI_GATEWAY_TOKEN: optional,
  OPENAI_API_KEY: optional,
  ANTHROPIC_API_KEY: optional,
  OPENAI_BASE_URL: optionalUrl,
  ACCESS_TEAM_DOMAIN: optional,
  ACCESS_AUD: optional,
  DEV_MODE: optional.transform((value) => value === "true"),
});

export type WorkerEnvValues = z.infer<typeof workerEnvSchema>;

export interface ConfigProblem {
  /** The setting (or settings) at fault, as named in wrangler.jsonc and `wrangler secret put`. */
  names: string[];
  message: string;
}

export type WorkerConfigResult =
  | { ok: true; values: WorkerEnvValues }
  | { ok: false; problems: ConfigProblem[] };

let cached: { env: unknown; result: WorkerConfigResult } | undefined;

/** Parses the Worker's vars and secrets once per env object; never throws. */
export function readWorkerConfig(env: object): WorkerConfigResult {
  if (cached?.env === env) return cached.result;
  const parsed = workerEnvSchema.safeParse(env);
  const result: WorkerConfigResult = parsed.success
    ? { ok: true, values: parsed.data }
    : {
        ok: false,
        problems: parsed.error.issues.map((issue) => ({
          names: [String(issue.path[0] ?? "config")],
          message: issue.message,
        })),
      };
  cached = { env, result };
  return result;
}
