import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { localDate, nextCronRun, zonedTimeToInstant } from "@molt/agent";
import type { ScheduleList } from "@molt/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserAgent } from "../src/agent/user-agent";
import { fakeModel, fakeTelegram, resetFakes, waitFor } from "./support/fakes";
import { groupUpdate, newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate, setApprovalPolicy } from "./support/worker-api";

beforeAll(resetFakes);

const TOKYO = "Asia/Tokyo";
const SETTLE_MS = 1_500;

async function say(person: number, text: string): Promise<string> {
  const response = await postTelegramUpdate(privateTextUpdate(person, text));
  return ((await response.json()) as { userId: string }).userId;
}

async function schedulesOf(userId: string): Promise<ScheduleList["schedules"]> {
  const response = await adminFetch(`/api/users/${userId}/schedules`);
  expect(response.status).toBe(200);
  return ((await response.json()) as ScheduleList).schedules;
}

function agentStub(userId: string) {
  return env.UserAgent.get(env.UserAgent.idFromName(userId));
}

/** Runs the agents-SDK schedule row for `fireReminder` as its alarm would, `times` times. */
async function fireDueReminder(userId: string, expectedAt: number, times = 1) {
  return runInDurableObject(agentStub(userId), async (instance: UserAgent) => {
    const rows = (await instance.listSchedules()).filter((row) => row.callback === "fireReminder");
    const row = rows.find((candidate) => candidate.time * 1000 === expectedAt);
    if (!row)
      throw new Error(
        `no schedule at ${new Date(expectedAt).toISOString()}: ${JSON.stringify(rows)}`,
      );
    for (let i = 0; i < times; i++) {
      await instance.fireReminder(row.payload as { reminderId: string; runAt: number });
    }
  });
}

/** USER.md written the way the operator does it: through the admin API, which tells the agent. */
async function writeUserFile(userId: string, content: string): Promise<void> {
  const response = await adminFetch(`/api/users/${userId}/files/content?path=USER.md`, {
    method: "PUT",
    body: JSON.stringify({ content }),
  });
  expect(response.status).toBe(200);
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

describe("reminders in the person's time zone", () => {
  it("fires a one-off reminder at 09:00 Tokyo time into the chat it came from, exactly once", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "rem-0: hi");
    await fakeTelegram.waitForMessages(person, 1);
    await writeUserFile(userId, `# About the person\nTimezone: ${TOKYO}\n`);

    const tomorrow = localDate(Date.now() + 86_400_000, TOKYO);
    const [year, month, day] = tomorrow.split("-").map(Number) as [number, number, number];
    const expectedAt = zonedTimeToInstant({ year, month, day, hour: 9, minute: 0 }, TOKYO);
    expect(new Date(expectedAt).getUTCHours()).toBe(0);
    await fakeModel.script([
      {
        toolCalls: [
          { name: "set_reminder", arguments: { text: "take the pills", at: `${tomorrow}T09:00` } },
        ],
      },
      { text: "I'll remind you." },
    ]);
    await say(person, "rem-1: remind me at 9 tomorrow to take the pills");
    await fakeTelegram.waitForMessages(person, 2);

    const [schedule] = await schedulesOf(userId);
    expect(schedule).toMatchObject({
      description: "take the pills",
      kind: "once",
      action: "say",
      timeZone: TOKYO,
      nextRunAt: expectedAt,
      channel: "telegram",
    });
    await say(person, "/reminders");
    const listed = await fakeTelegram.waitForMessages(person, 3);
    expect(listed[2]?.params.text).toContain(`take the pills (next ${tomorrow} 09:00`);

    // The alarm's callback, run twice as a retried alarm would: one message only.
    await fireDueReminder(userId, expectedAt, 2);
    const sent = await fakeTelegram.waitForMessages(person, 4);
    expect(sent[3]?.params.text).toBe("⏰ take the pills");
    await settle();
    const texts = (await fakeTelegram.sentTo(person)).map((call) => call.params.text);
    expect(texts.filter((text) => text === "⏰ take the pills")).toHaveLength(1);
    expect(await schedulesOf(userId)).toEqual([]);
  });

  it("runs a weekday task through the agent in the group it was set in, then schedules the next run", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "task-0: hi");
    await fakeTelegram.waitForMessages(person, 1);
    // Creating a recurring task asks first (approvals.test.ts); this test is about running it.
    await setApprovalPolicy(userId, "off");
    await writeUserFile(userId, `Timezone: ${TOKYO}\n`);
    const groupChat = -1000000000000 - person;
    await fakeModel.script([
      {
        toolCalls: [
          {
            name: "set_reminder",
            arguments: { text: "sum up my open todos", cron: "0 8 * * 1-5", action: "task" },
          },
        ],
      },
      { text: "Scheduled." },
    ]);
    await postTelegramUpdate(groupUpdate("mention", person, groupChat));
    await fakeTelegram.waitForMessages(groupChat, 1);
    const [schedule] = await schedulesOf(userId);
    const expectedAt = nextCronRun("0 8 * * 1-5", TOKYO, Date.now());
    expect(schedule).toMatchObject({
      kind: "cron",
      action: "task",
      cron: "0 8 * * 1-5",
      nextRunAt: expectedAt,
    });

    await fakeModel.script([{ text: "Open todos: none." }]);
    await fireDueReminder(userId, expectedAt);
    const groupMessages = await fakeTelegram.waitForMessages(groupChat, 2);
    expect(groupMessages[1]?.params.text).toBe("Open todos: none.");
    const taskRequest = await waitFor(
      () => fakeModel.requestsMentioning("Scheduled task"),
      (requests) => requests.length > 0,
      "the task's model turn",
    );
    expect(taskRequest).toHaveLength(1);
    expect(JSON.stringify(taskRequest[0]?.body.messages.at(-1))).toContain("sum up my open todos");
    expect(await fakeTelegram.sentTo(person)).toHaveLength(1);

    const [next] = await schedulesOf(userId);
    expect(next?.nextRunAt).toBe(nextCronRun("0 8 * * 1-5", TOKYO, expectedAt));
    const cancelled = await adminFetch(`/api/users/${userId}/schedules/${next?.id}`, {
      method: "DELETE",
    });
    expect(cancelled.status).toBe(204);
    expect(await schedulesOf(userId)).toEqual([]);
    const missing = await adminFetch(`/api/users/${userId}/schedules/${next?.id}`, {
      method: "DELETE",
    });
    expect(missing.status).toBe(404);
  });

  it("keeps reminders through a restart and re-schedules one whose schedule was lost", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "restart-0: hi");
    await fakeTelegram.waitForMessages(person, 1);
    const at = localDate(Date.now() + 3 * 86_400_000, "UTC");
    await fakeModel.script([
      {
        toolCalls: [
          { name: "set_reminder", arguments: { text: "renew the passport", at: `${at}T10:30` } },
        ],
      },
      { text: "ok" },
    ]);
    await say(person, "restart-1: remind me");
    await fakeTelegram.waitForMessages(person, 2);
    const [reminder] = await schedulesOf(userId);
    const expectedAt = Date.parse(`${at}T10:30:00Z`);
    expect(reminder?.nextRunAt).toBe(expectedAt);

    // Lose the SDK schedule, then crash: the agent's start-up gives the reminder a new one.
    await runInDurableObject(agentStub(userId), async (instance: UserAgent) => {
      for (const row of await instance.listSchedules()) {
        if (row.callback === "fireReminder") await instance.cancelSchedule(row.id);
      }
    });
    await abortAllDurableObjects();
    expect(await schedulesOf(userId)).toEqual([reminder]);
    await fireDueReminder(userId, expectedAt);
    const sent = await fakeTelegram.waitForMessages(person, 3);
    expect(sent[2]?.params.text).toBe("⏰ renew the passport");
  });
});
