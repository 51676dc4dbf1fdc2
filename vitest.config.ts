import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { FAKE_BRAVE_API_KEY } from "./tests/fakes/fake-brave-search.ts";
import {
  TEST_ACCESS_AUD,
  TEST_ALLOWED_SLACK_USERS,
  TEST_ALLOWED_TELEGRAM_IDS,
  TEST_FALLBACK_MODEL_NAME,
  TEST_MODEL_NAME,
  TEST_PICKABLE_MODEL_NAME,
  TEST_SLACK_SIGNING_SECRET,
  TEST_SLACK_TOKEN,
  TEST_TELEGRAM_TOKEN,
  TEST_WEB_TIMEOUT_SECONDS,
  TEST_WEBHOOK_SECRET,
} from "./tests/setup/test-settings.ts";

export default defineConfig({
  test: {
    // The JSON report lets CI print a plain "N passed, N failed" summary line.
    reporters: ["default", ["json", { outputFile: ".vitest/results.json" }]],
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: [
            "packages/**/*.test.ts",
            "apps/worker/src/**/*.test.ts",
            "apps/sandbox/**/*.test.ts",
            "tests/unit/**/*.test.ts",
          ],
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => {
            const fakes = inject("fakeUrls");
            const web = inject("web");
            return {
              wrangler: { configPath: "./wrangler.jsonc" },
              // The deployed Worker plus test-only Durable Object classes (the test Sandbox).
              main: "./apps/worker/test/support/test-worker.ts",
              remoteBindings: false,
              miniflare: {
                // A stand-in for the SDK's Sandbox, called over real Durable Object RPC.
                durableObjects: { TEST_SANDBOX: { className: "TestSandbox", useSQLite: true } },
                bindings: {
                  ...fakes,
                  TELEGRAM_BOT_TOKEN: TEST_TELEGRAM_TOKEN,
                  TELEGRAM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
                  TELEGRAM_ALLOW_FROM: TEST_ALLOWED_TELEGRAM_IDS.join(","),
                  SLACK_BOT_TOKEN: TEST_SLACK_TOKEN,
                  SLACK_SIGNING_SECRET: TEST_SLACK_SIGNING_SECRET,
                  SLACK_ALLOW_FROM: TEST_ALLOWED_SLACK_USERS.join(","),
                  MODEL: `openai-compatible/${TEST_MODEL_NAME}`,
                  MODELS: `openai-compatible/${TEST_PICKABLE_MODEL_NAME}`,
                  MODEL_FALLBACKS: `openai-compatible/${TEST_FALLBACK_MODEL_NAME}`,
                  ACCESS_AUD: TEST_ACCESS_AUD,
                  // Heartbeat tests run at any time of day.
                  HEARTBEAT_ACTIVE_HOURS: "0-24",
                  // The web tools read pages from the test server on 127.0.0.1, through a real
                  // headless Chromium standing in for Browser Rendering.
                  BROWSER_CDP_URL: inject("browser").cdpUrl,
                  WEB_ALLOW_LOOPBACK: "true",
                  WEB_TIMEOUT_SECONDS: String(TEST_WEB_TIMEOUT_SECONDS),
                  BRAVE_SEARCH_API_KEY: FAKE_BRAVE_API_KEY,
                  BRAVE_SEARCH_API_BASE_URL: web.searchBaseUrl,
                  TEST_SANDBOX_OLD_IMAGE_URL: inject("sandboxImages").oldImageUrl,
                  // Voice replies: speech from the fake model server's /v1/audio/speech.
                  TTS_BASE_URL: fakes.OPENAI_BASE_URL,
                  // Received files: the default test model sees pictures, the pickable one does
                  // not (it gets the fake vision model's description instead).
                  IMAGE_INPUT_MODELS: `openai-compatible/${TEST_MODEL_NAME}`,
                  VISION_MODEL: "@cf/llava-hf/llava-1.5-7b-hf",
                  // People may add MCP servers from chat; sign-ins come back to the test origin.
                  MCP_ALLOW_USER_SERVERS: "true",
                  PUBLIC_URL: "https://agent.example.com",
                },
              },
            };
          }),
        ],
        test: {
          name: "worker",
          include: ["apps/worker/test/**/*.test.ts"],
          globalSetup: ["tests/setup/worker-fakes.global.ts"],
          testTimeout: 20_000,
          // The fakes are shared: one file at a time keeps scripted model replies in order.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          // Starts wrangler dev and Chromium; the admin UI is built by the test command before.
          globalSetup: ["tests/e2e/setup/e2e-stack.global.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One stack and one browser: the files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
