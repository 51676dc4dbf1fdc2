import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the fake Telegram, Slack, model and Access servers of the Worker test project listen. */
    fakeUrls: {
      TELEGRAM_API_BASE_URL: string;
      OPENAI_BASE_URL: string;
      ACCESS_TEAM_DOMAIN: string;
      SLACK_API_BASE_URL: string;
      /** The fake Workers AI REST API (transcription, document conversion, image description). */
      WORKERS_AI_REST_URL: string;
      /** The local sandbox host: one real runtime process per user. */
      SANDBOX_LOCAL_URL: string;
      /** The host's credential, required on every route. */
      SANDBOX_LOCAL_TOKEN: string;
    };
    /** The test web server the web tools read (`tests/fakes/fake-web.ts`). */
    web: { baseUrl: string; searchBaseUrl: string };
    /** The headless Chromium standing in for Browser Rendering; `error` says why it is absent. */
    browser: { cdpUrl: string; error: string };
    /** The fake AI Gateway (`tests/fakes/fake-ai-gateway.ts`): its `AI_GATEWAY_BASE_URL`. */
    aiGateway: { baseUrl: string };
    /** The test MCP servers (`tests/fakes/fake-mcp.ts`): without auth, behind OAuth, SSE only, and down. */
    mcp: { plainUrl: string; oauthUrl: string; sseUrl: string; downUrl: string };
    /** A second local sandbox host whose runtime reports TEST_OLD_RUNTIME_VERSION. */
    sandboxImages: { oldImageUrl: string };
    /** The browser tests' local stack and Chromium (tests/e2e). */
    e2e: {
      baseUrl: string;
      browserWsEndpoint: string;
      fakeUrls: ProvidedContext["fakeUrls"];
    };
  }
}
