import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { OFFLINE_CHROMIUM_FLAGS } from "../../../apps/worker/scripts/local-chromium.ts";
import { startTestSandboxHost } from "../../setup/local-sandbox.ts";
import { startLocalStack, stopLocalStack } from "../../stack/local-stack.mjs";
import { CHROMIUM_PATH, E2E_TELEGRAM_TOKEN, E2E_WEBHOOK_SECRET } from "./e2e-settings.ts";

/**
 * The browser tests' world: `wrangler dev --local` in DEV_MODE with the fakes (the admin UI is
 * the build the test command made), the local sandbox host with the real runtime, and one
 * headless Chromium the test files connect to.
 */
export default async function setup(project: TestProject) {
  const sandboxes = await startTestSandboxHost();
  const stack = await startLocalStack({
    telegramToken: E2E_TELEGRAM_TOKEN,
    guardSignals: false,
    vars: (urls) => ({
      DEV_MODE: "true",
      TELEGRAM_BOT_TOKEN: E2E_TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      TELEGRAM_API_BASE_URL: urls.TELEGRAM_API_BASE_URL,
      MODEL: "openai-compatible/fake-model",
      MODELS: "openai-compatible/fake-model-large",
      OPENAI_BASE_URL: urls.OPENAI_BASE_URL,
      SANDBOX_LOCAL_URL: sandboxes.url,
      SANDBOX_LOCAL_TOKEN: sandboxes.credential,
      // Received files: the fake Workers AI reads voice notes and documents, the model sees pictures.
      WORKERS_AI_REST_URL: urls.WORKERS_AI_REST_URL,
      IMAGE_INPUT_MODELS: "openai-compatible/fake-model",
    }),
  });
  let browser: Awaited<ReturnType<typeof chromium.launchServer>>;
  try {
    browser = await chromium.launchServer({
      executablePath: CHROMIUM_PATH,
      args: OFFLINE_CHROMIUM_FLAGS,
      headless: true,
      timeout: 60_000,
    });
  } catch (error) {
    await stopLocalStack();
    await sandboxes.close();
    throw error;
  }
  project.provide("e2e", {
    baseUrl: stack.baseUrl,
    browserWsEndpoint: browser.wsEndpoint(),
    fakeUrls: {
      ...stack.fakes.urls,
      SANDBOX_LOCAL_URL: sandboxes.url,
      SANDBOX_LOCAL_TOKEN: sandboxes.credential,
    },
  });
  return async () => {
    await browser.close().catch(() => {});
    await stopLocalStack();
    await sandboxes.close();
  };
}
