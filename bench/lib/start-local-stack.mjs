// The benchmark's local stack: the shared one (tests/stack), with bench settings and a keep-alive
// client for measuring.

import * as stack from "../../tests/stack/local-stack.mjs";
import { createClient } from "./http-client.mjs";
import { SLACK_SIGNING_SECRET, SLACK_TOKEN, TELEGRAM_TOKEN, WEBHOOK_SECRET } from "./settings.mjs";

let client;

export async function startLocalStack(settings, { inspector = false } = {}) {
  const started = await stack.startLocalStack({
    telegramToken: TELEGRAM_TOKEN,
    slackToken: SLACK_TOKEN,
    port: settings.port,
    inspectorPort: settings.inspectorPort,
    wranglerLog: settings.wranglerLog,
    inspector,
    vars: (urls) => ({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_BASE_URL: urls.TELEGRAM_API_BASE_URL,
      TELEGRAM_ALLOW_FROM: settings.userIds.join(","),
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET,
      SLACK_API_BASE_URL: urls.SLACK_API_BASE_URL,
      SLACK_ALLOW_FROM: settings.slackUserIds.join(","),
      MODEL: "openai-compatible/fake-model",
      OPENAI_BASE_URL: urls.OPENAI_BASE_URL,
    }),
  });
  client = createClient(started.port);
  return { ...started, client };
}

export function stopLocalStack() {
  client?.destroy();
  client = undefined;
  return stack.stopLocalStack();
}
