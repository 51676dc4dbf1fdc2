import { type FakeAccess, startFakeAccess } from "./fake-access.ts";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.ts";
import { type FakeSlack, startFakeSlack } from "./fake-slack.ts";
import { type FakeTelegram, startFakeTelegram } from "./fake-telegram.ts";
import { type FakeWorkersAi, startFakeWorkersAi } from "./fake-workers-ai.ts";

export interface StartAllFakesOptions {
  telegramToken: string;
  openaiApiKey?: string;
  slackToken?: string;
  latencyMs?: number;
}

export interface AllFakes {
  telegram: FakeTelegram;
  openai: FakeOpenAI;
  access: FakeAccess;
  slack: FakeSlack;
  workersAi: FakeWorkersAi;
  /** Values to hand the Worker under test, named after its config. */
  urls: {
    TELEGRAM_API_BASE_URL: string;
    OPENAI_BASE_URL: string;
    ACCESS_TEAM_DOMAIN: string;
    SLACK_API_BASE_URL: string;
    WORKERS_AI_REST_URL: string;
  };
  closeAll(): Promise<void>;
}

export async function startAllFakes(options: StartAllFakesOptions): Promise<AllFakes> {
  const started = await Promise.allSettled([
    startFakeTelegram({ token: options.telegramToken, latencyMs: options.latencyMs }),
    startFakeOpenAI({ apiKey: options.openaiApiKey, latencyMs: options.latencyMs }),
    startFakeAccess(),
    startFakeSlack({ token: options.slackToken, latencyMs: options.latencyMs }),
    startFakeWorkersAi(),
  ] as const);
  const [telegram, openai, access, slack, workersAi] = started;
  if (
    telegram.status !== "fulfilled" ||
    openai.status !== "fulfilled" ||
    access.status !== "fulfilled" ||
    slack.status !== "fulfilled" ||
    workersAi.status !== "fulfilled"
  ) {
    // Close whatever did start so a failed setup leaves no listening sockets behind.
    await Promise.all(
      started.map((result) => (result.status === "fulfilled" ? result.value.close() : undefined)),
    );
    const reason = started.find((result) => result.status === "rejected");
    throw reason?.status === "rejected" ? reason.reason : new Error("failed to start fakes");
  }
  const fakes = {
    telegram: telegram.value,
    openai: openai.value,
    access: access.value,
    slack: slack.value,
    workersAi: workersAi.value,
  };
  return {
    ...fakes,
    urls: {
      TELEGRAM_API_BASE_URL: fakes.telegram.url,
      OPENAI_BASE_URL: fakes.openai.baseUrl,
      ACCESS_TEAM_DOMAIN: fakes.access.issuer,
      // The Worker's Web API base: the fake serves the methods under /api like slack.com does.
      SLACK_API_BASE_URL: `${fakes.slack.url}/api`,
      WORKERS_AI_REST_URL: fakes.workersAi.url,
    },
    async closeAll() {
      await Promise.all(Object.values(fakes).map((fake) => fake.close()));
    },
  };
}
