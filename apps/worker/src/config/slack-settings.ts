import { SLACK_API_BASE_URL } from "@molt/channels";
import { AppError } from "../errors";
import { describeHowToSet, type StackPlace } from "./setting-fix";
import { describeProblems, describeSettingsFault, type WorkerConfig } from "./worker-config";

export interface SlackSettings {
  token: string;
  signingSecret: string;
  apiBaseUrl: string;
  /** `U123` (any workspace) or `T123:U123` entries, approved without pairing. */
  allowFrom: string[];
}

const SLACK_SETTINGS = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_API_BASE_URL",
  "SLACK_ALLOW_FROM",
] as const;

/** Slack settings when they are usable; otherwise the names at fault and why. */
export function slackSettings(
  config: WorkerConfig,
): { ok: true; settings: SlackSettings } | { ok: false; names: string[]; reason: string } {
  const { values } = config;
  if (
    !values.SLACK_BOT_TOKEN ||
    !values.SLACK_SIGNING_SECRET ||
    describeProblems(config, SLACK_SETTINGS).length > 0
  ) {
    return describeSettingsFault(
      config,
      ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
      SLACK_SETTINGS,
    );
  }
  return {
    ok: true,
    settings: {
      token: values.SLACK_BOT_TOKEN,
      signingSecret: values.SLACK_SIGNING_SECRET,
      apiBaseUrl: values.SLACK_API_BASE_URL ?? SLACK_API_BASE_URL,
      allowFrom: values.SLACK_ALLOW_FROM,
    },
  };
}

export function requireSlackSettings(config: WorkerConfig, place?: StackPlace): SlackSettings {
  const result = slackSettings(config);
  if (result.ok) return result.settings;
  throw new AppError(
    "not_configured",
    `Slack is not configured: ${result.reason}. ${describeHowToSet(place)}`,
    { settings: result.names },
  );
}
