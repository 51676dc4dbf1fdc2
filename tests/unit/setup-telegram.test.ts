import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandsListedOn } from "../../packages/contracts/src/command-catalog.ts";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";

const run = promisify(execFile);
const TOKEN = "7000000001:AASetupScriptToken";

describe("pnpm setup:telegram", () => {
  let telegram: FakeTelegram;
  beforeAll(async () => {
    telegram = await startFakeTelegram({ token: TOKEN });
  });
  afterAll(() => telegram.close());

  function setup(args: string[], env: Record<string, string>) {
    return run(process.execPath, ["apps/worker/scripts/setup-telegram.ts", ...args], {
      env: { PATH: process.env.PATH ?? "", TELEGRAM_API_BASE_URL: telegram.url, ...env },
      timeout: 15_000,
    });
  }

  it("registers the webhook with its secret, the handled updates, and the command menu", async () => {
    const { stdout } = await setup(["https://agent.example.com/"], {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: "s3cret-value",
    });
    expect(stdout).toContain("https://agent.example.com/webhooks/telegram");
    expect(telegram.webhook()).toMatchObject({
      url: "https://agent.example.com/webhooks/telegram",
      secretToken: "s3cret-value",
      allowedUpdates: ["message", "callback_query"],
    });
    const [commands] = telegram.calls("setMyCommands");
    const names = ((commands?.params.commands ?? []) as { command: string }[]).map(
      (c) => c.command,
    );
    // The menu is the catalog's Telegram list; `start` is Telegram's own first word, not listed.
    expect(names).toEqual(commandsListedOn("telegram").map((command) => command.name));
    expect(names).toEqual(expect.arrayContaining(["new", "stop", "retry", "help"]));
    expect(names).not.toContain("start");
    expect(stdout).not.toContain(TOKEN);
  });

  it("refuses to run without its settings or with a non-https URL", async () => {
    await expect(
      setup(["http://agent.example.com"], {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_SECRET: "x",
      }),
    ).rejects.toMatchObject({ code: 2 });
    await expect(setup(["https://agent.example.com"], {})).rejects.toMatchObject({ code: 2 });
  });

  it("reports Telegram's refusal without the token", async () => {
    const failure = setup(["https://agent.example.com"], {
      TELEGRAM_BOT_TOKEN: "7000000001:wrong",
      TELEGRAM_WEBHOOK_SECRET: "x",
    });
    await expect(failure).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Unauthorized"),
    });
    await expect(failure).rejects.not.toMatchObject({ stderr: expect.stringContaining("wrong") });
  });
});
