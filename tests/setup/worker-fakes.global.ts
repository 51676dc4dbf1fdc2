import type { TestProject } from "vitest/node";
import { startAllFakes } from "../fakes/start-fakes.ts";
import { TEST_TELEGRAM_TOKEN } from "./test-settings.ts";

declare module "vitest" {
  export interface ProvidedContext {
    fakeUrls: {
      TELEGRAM_API_BASE_URL: string;
      OPENAI_BASE_URL: string;
      ACCESS_TEAM_DOMAIN: string;
    };
  }
}

/** Starts the fake Telegram, model and Access servers once for the Worker test project. */
export default async function setup(project: TestProject) {
  const fakes = await startAllFakes({ telegramToken: TEST_TELEGRAM_TOKEN });
  project.provide("fakeUrls", fakes.urls);
  return () => fakes.closeAll();
}
