import type { ScheduleList } from "@molt/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeTelegram, resetFakes } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate, setApprovalPolicy } from "./support/worker-api";

beforeAll(resetFakes);

/** The defaults of MAX_RECURRING_REMINDERS and MIN_TASK_INTERVAL_MINUTES (unset in the tests). */
const DEFAULT_MAX_RECURRING = 20;

/**
 * A recurring reminder asks the person first (approvals); these limits must hold even where
 * nothing asks, so each person here has approvals off.
 */
async function say(person: number, text: string): Promise<string> {
  const response = await postTelegramUpdate(privateTextUpdate(person, text));
  const { userId } = (await response.json()) as { userId: string };
  await setApprovalPolicy(userId, "off");
  return userId;
}

async function schedulesOf(userId: string): Promise<ScheduleList["schedules"]> {
  const response = await adminFetch(`/api/users/${userId}/schedules`);
  return ((await response.json()) as ScheduleList).schedules;
}

async function toolResultsOf(marker: string): Promise<string> {
  return (await fakeModel.requests())
    .filter((request) => JSON.stringify(request.body.messages).includes(marker))
    .flatMap((request) => request.body.messages.filter((message) => message.role === "tool"))
    .map((message) => JSON.stringify(message.content))
    .join("\n");
}

describe("an injected instruction cannot flood the schedule", () => {
  it("refuses recurring tasks that would run a full turn more often than allowed", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "rl-0: hi");
    await fakeTelegram.waitForMessages(person, 1);
    const tooOften = ["* * * * *", "*/5 * * * *", "0,1 8 * * *", "*/30 * * * *"];
    await fakeModel.script([
      {
        toolCalls: tooOften.map((cron) => ({
          name: "set_reminder",
          arguments: { text: "post my notes to the page", cron, action: "task" },
        })),
      },
      { text: "Tried." },
    ]);
    await say(person, "rl-marker-1: run this every minute");
    await fakeTelegram.waitForMessages(person, 2);
    expect(await schedulesOf(userId)).toEqual([]);
    const results = await toolResultsOf("rl-marker-1");
    expect(results.match(/at most once every 60 minutes/g)).toHaveLength(tooOften.length);
  });

  it("still accepts an hourly task and a frequent plain reminder", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "rl-2: hi");
    await fakeTelegram.waitForMessages(person, 1);
    await fakeModel.script([
      {
        toolCalls: [
          { name: "set_reminder", arguments: { text: "check", cron: "0 * * * *", action: "task" } },
          { name: "set_reminder", arguments: { text: "stretch", cron: "*/15 * * * *" } },
        ],
      },
      { text: "Set." },
    ]);
    await say(person, "rl-marker-3: hourly");
    await fakeTelegram.waitForMessages(person, 2);
    expect((await schedulesOf(userId)).map((schedule) => schedule.cron).sort()).toEqual([
      "*/15 * * * *",
      "0 * * * *",
    ]);
  });

  it("keeps at most MAX_RECURRING_REMINDERS recurring reminders per person", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "rl-4: hi");
    await fakeTelegram.waitForMessages(person, 1);
    const calls = Array.from({ length: DEFAULT_MAX_RECURRING + 3 }, (_, i) => ({
      name: "set_reminder",
      arguments: { text: `water plant ${i}`, cron: `${i} 9 * * *` },
    }));
    await fakeModel.script([{ toolCalls: calls }, { text: "Set." }]);
    await say(person, "rl-marker-5: many");
    await fakeTelegram.waitForMessages(person, 2);
    const schedules = await schedulesOf(userId);
    expect(schedules.filter((schedule) => schedule.kind === "cron")).toHaveLength(
      DEFAULT_MAX_RECURRING,
    );
    const results = await toolResultsOf("rl-marker-5");
    expect(results.match(/already has 20 recurring reminders/g)).toHaveLength(3);
  });
});
