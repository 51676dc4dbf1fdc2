import { describe, expect, it } from "vitest";
import { fetchWithSettings } from "./support/worker-api";

interface ConfigCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Every name `.dev.vars.example` lists, empty: what a newcomer who copied it starts with. */
const COPIED_EXAMPLE = Object.fromEntries(
  [
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "AI_GATEWAY_ID",
    "AI_GATEWAY_ACCOUNT_ID",
    "AI_GATEWAY_TOKEN",
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "OPENAI_BASE_URL",
    "MODELS",
    "MODEL_FALLBACKS",
    "ACCESS_TEAM_DOMAIN",
    "ACCESS_AUD",
    "TELEGRAM_ALLOW_FROM",
    "SLACK_ALLOW_FROM",
    "BRAVE_SEARCH_API_KEY",
    "MODEL",
  ].map((name) => [name, ""]),
);

describe("empty settings", () => {
  it("keeps settings out of process.env, where libraries read them while the Worker loads", () => {
    // @ai-sdk/openai builds a default provider at import time from process.env.OPENAI_BASE_URL
    // and throws on an empty one: an empty line in .dev.vars stopped the Worker from loading.
    // The Worker passes every setting explicitly, so process.env holds none of them.
    expect(process.env.OPENAI_BASE_URL).toBeUndefined();
    expect(process.env.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("treats every empty line of .dev.vars.example as unset", async () => {
    const response = await fetchWithSettings("http://localhost:8787/api/config", {
      ...COPIED_EXAMPLE,
      DEV_MODE: "true",
    });
    expect(response.status).toBe(200);
    const { checks } = (await response.json()) as { checks: ConfigCheck[] };
    expect(checks.find((check) => check.name === "model")).toMatchObject({
      ok: true,
      detail: expect.stringContaining("dev"),
    });
    expect(JSON.stringify(checks)).not.toContain("malformed");
  });
});
