import { SLACK_API_BASE_URL } from "@molt/channels";
import { z } from "zod";
import manifest from "../../slack-app-manifest.json";
import { slackSettings } from "../config/slack-settings";
import { readWorkerConfig } from "../config/worker-config";
import { type DoctorCheckDefinition, describeError, failed, ok, skipped } from "./doctor-check";
import { describeSettingFix } from "./fix-setting";

const authTestSchema = z.union([
  z.object({ ok: z.literal(true), team: z.string(), user: z.string() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** The bot scopes the app manifest asks for: what the agent uses. */
export const MANIFEST_BOT_SCOPES: readonly string[] = z
  .object({ oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }) })
  .parse(manifest).oauth_config.scopes.bot;

/** auth.test, and the token's scopes (the `x-oauth-scopes` header) against the manifest's. */
export const slackCheck: DoctorCheckDefinition = {
  name: "slack",
  timeoutMs: 20_000,
  async run({ env, values, where }) {
    if (!values.SLACK_BOT_TOKEN && !values.SLACK_SIGNING_SECRET) {
      return skipped("Slack is not configured (no SLACK_BOT_TOKEN).");
    }
    const settings = slackSettings(readWorkerConfig(env));
    if (!settings.ok) {
      return failed(
        `Slack settings: ${settings.reason}.`,
        describeSettingFix(where, settings.names),
      );
    }
    const base = (values.SLACK_API_BASE_URL ?? SLACK_API_BASE_URL).replace(/\/$/, "");
    const tokenFix = `Copy the Bot User OAuth Token (xoxb-...) from the app's "OAuth & Permissions" page. ${describeSettingFix(where, ["SLACK_BOT_TOKEN"])}`;
    let response: Response;
    try {
      response = await fetch(`${base}/auth.test`, {
        method: "POST",
        headers: { authorization: `Bearer ${settings.settings.token}` },
      });
    } catch (error) {
      return failed(`auth.test could not reach Slack: ${describeError(error)}`, tokenFix);
    }
    const answer = authTestSchema.safeParse(await response.json().catch(() => undefined));
    if (!answer.success) return failed(`auth.test answered HTTP ${response.status}.`, tokenFix);
    if (!answer.data.ok) return failed(`auth.test: ${answer.data.error}.`, tokenFix);
    const header = response.headers.get("x-oauth-scopes");
    const who = `Bot ${answer.data.user} in ${answer.data.team}`;
    if (header === null) return ok(`${who}; Slack did not report the token's scopes.`);
    const granted = new Set(header.split(",").map((scope) => scope.trim()));
    const missing = MANIFEST_BOT_SCOPES.filter((scope) => !granted.has(scope));
    if (missing.length > 0) {
      return failed(
        `${who} lacks the scope(s) ${missing.join(", ")} that apps/worker/slack-app-manifest.json asks for.`,
        'Add the scopes on the app\'s "OAuth & Permissions" page (or paste the manifest again), reinstall the app to the workspace, and set the new token if it changed.',
      );
    }
    return ok(`${who}, with every scope the manifest asks for.`);
  },
};
