import type { TestProject } from "vitest/node";
import {
  findChromium,
  type RunningChromium,
  startChromium,
} from "../../apps/worker/scripts/local-chromium.ts";
import { startFakeAIGateway } from "../fakes/fake-ai-gateway.ts";
import { startFakeBraveSearch } from "../fakes/fake-brave-search.ts";
import { startFakeMcp } from "../fakes/fake-mcp.ts";
import { startFakeWeb } from "../fakes/fake-web.ts";
import { startAllFakes } from "../fakes/start-fakes.ts";
import { startTestSandboxHost } from "./local-sandbox.ts";
import {
  TEST_OLD_RUNTIME_VERSION,
  TEST_SLACK_TOKEN,
  TEST_TELEGRAM_TOKEN,
} from "./test-settings.ts";

/**
 * Starts the fake Telegram, Slack, model, AI Gateway, Access and search servers, the test web server, a
 * headless Chromium and the local sandbox host running the real runtime (and a second one whose
 * runtime reports an older release), once for the Worker test project. A missing Chromium is not fatal here: the browser tests read `browser.error` and fail
 * with it, while the rest of the suite still runs.
 */
export default async function setup(project: TestProject) {
  const fakes = await startAllFakes({
    telegramToken: TEST_TELEGRAM_TOKEN,
    slackToken: TEST_SLACK_TOKEN,
  });
  const web = await startFakeWeb();
  const search = await startFakeBraveSearch();
  const gateway = await startFakeAIGateway({ upstreamOpenAIBaseUrl: fakes.urls.OPENAI_BASE_URL });
  const mcp = await startFakeMcp();
  const sandboxes = await startTestSandboxHost().catch(async (error: unknown) => {
    await Promise.all([
      fakes.closeAll(),
      web.close(),
      search.close(),
      gateway.close(),
      mcp.close(),
    ]);
    throw error;
  });
  // The same runtime built as an older release: the test Sandbox's "old image".
  const oldImage = await startTestSandboxHost({
    runtimeVersion: TEST_OLD_RUNTIME_VERSION,
    outdir: "dist-old-image",
    // The test Sandbox reaches both hosts with the Worker's one SANDBOX_LOCAL_TOKEN.
    credential: sandboxes.credential,
  }).catch(async (error: unknown) => {
    await Promise.all([
      fakes.closeAll(),
      web.close(),
      search.close(),
      gateway.close(),
      mcp.close(),
      sandboxes.close(),
    ]);
    throw error;
  });
  const executable = findChromium();
  let chromium: RunningChromium | undefined;
  let error = "";
  if (!executable) {
    error = "Chromium is not installed: apt-get install chromium (or set CHROMIUM_PATH)";
  } else {
    chromium = await startChromium(executable).catch((cause: unknown) => {
      error = `Chromium did not start: ${String(cause)}`;
      return undefined;
    });
  }
  project.provide("fakeUrls", {
    ...fakes.urls,
    SANDBOX_LOCAL_URL: sandboxes.url,
    SANDBOX_LOCAL_TOKEN: sandboxes.credential,
  });
  project.provide("web", { baseUrl: web.url, searchBaseUrl: search.baseUrl });
  project.provide("browser", { cdpUrl: chromium?.cdpUrl ?? "", error });
  project.provide("sandboxImages", { oldImageUrl: oldImage.url });
  project.provide("aiGateway", { baseUrl: gateway.baseUrl });
  project.provide("mcp", {
    plainUrl: mcp.plainUrl,
    oauthUrl: mcp.oauthUrl,
    sseUrl: mcp.sseUrl,
    downUrl: mcp.downUrl,
  });
  return async () => {
    await Promise.all([
      fakes.closeAll(),
      web.close(),
      search.close(),
      gateway.close(),
      mcp.close(),
      chromium?.close(),
      sandboxes.close(),
      oldImage.close(),
    ]);
  };
}
