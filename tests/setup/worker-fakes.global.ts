import type { TestProject } from "vitest/node";
import { startAllFakes } from "../fakes/start-fakes.ts";
import { startTestSandboxHost } from "./local-sandbox.ts";
import { TEST_SLACK_TOKEN, TEST_TELEGRAM_TOKEN } from "./test-settings.ts";

/**
 * Starts the fake Telegram, Slack, model and Access servers, and the local sandbox host running
 * the real runtime, once for the Worker test project.
 */
export default async function setup(project: TestProject) {
  const fakes = await startAllFakes({
    telegramToken: TEST_TELEGRAM_TOKEN,
    slackToken: TEST_SLACK_TOKEN,
  });
  const sandboxes = await startTestSandboxHost().catch(async (error: unknown) => {
    await fakes.closeAll();
    throw error;
  });
  project.provide("fakeUrls", { ...fakes.urls, SANDBOX_LOCAL_URL: sandboxes.url });
  return async () => {
    await Promise.all([fakes.closeAll(), sandboxes.close()]);
  };
}
