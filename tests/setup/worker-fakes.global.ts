import type { TestProject } from "vitest/node";
import { startAllFakes } from "../fakes/start-fakes.ts";
import { TEST_SLACK_TOKEN, TEST_TELEGRAM_TOKEN } from "./test-settings.ts";

/** Starts the fake Telegram, Slack, model and Access servers once for the Worker test project. */
export default async function setup(project: TestProject) {
  const fakes = await startAllFakes({
    telegramToken: TEST_TELEGRAM_TOKEN,
    slackToken: TEST_SLACK_TOKEN,
  });
  project.provide("fakeUrls", fakes.urls);
  return () => fakes.closeAll();
}
