import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandsListedOn } from "../../packages/contracts/src/command-catalog.ts";

const manifest = JSON.parse(
  readFileSync(new URL("../../apps/worker/slack-app-manifest.json", import.meta.url), "utf8"),
) as {
  features: { slash_commands: Array<{ command: string; url: string; usage_hint: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
};

describe("Slack app manifest", () => {
  it("subscribes to the events the webhook handles, at its route", () => {
    const { event_subscriptions: events } = manifest.settings;
    expect(new URL(events.request_url).pathname).toBe("/webhooks/slack/events");
    expect(events.bot_events.sort()).toEqual(["app_mention", "message.im"]);
  });

  it("sends button presses (approval answers) to the interactivity route", () => {
    const { interactivity } = manifest.settings;
    expect(interactivity.is_enabled).toBe(true);
    expect(new URL(interactivity.request_url).pathname).toBe("/webhooks/slack/interactivity");
  });

  it("registers /agent at the commands route", () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe("/agent");
    expect(new URL(command?.url ?? "").pathname).toBe("/webhooks/slack/commands");
  });

  it("hints every /agent subcommand the command catalog offers in Slack, in help order", () => {
    const [command] = manifest.features.slash_commands;
    const hinted = command?.usage_hint.split("|").map((word) => word.trim());
    expect(hinted).toEqual(commandsListedOn("slack").map((entry) => entry.name));
  });

  it("asks for the scopes the bot uses: reading DMs and mentions, posting, uploading", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "app_mentions:read",
      "chat:write",
      "commands",
      "files:write",
      "im:history",
    ]);
  });
});
