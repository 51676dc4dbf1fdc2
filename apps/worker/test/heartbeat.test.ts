import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserAgent } from "../src/agent/user-agent";
import { fakeModel, fakeTelegram, resetFakes, waitFor } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

const SETTLE_MS = 1_500;

function beat(userId: string): Promise<string> {
  const stub = env.UserAgent.get(env.UserAgent.idFromName(userId));
  return runInDurableObject(stub, (instance: UserAgent) => instance.heartbeat());
}

async function heartbeatRequests() {
  return fakeModel.requestsMentioning("[Heartbeat]");
}

describe("the heartbeat", () => {
  it("stays silent over an empty checklist or HEARTBEAT_OK, and speaks when there is something", async () => {
    const person = newAllowedPersonId();
    const response = await postTelegramUpdate(privateTextUpdate(person, "hb-0: hi"));
    const { userId } = (await response.json()) as { userId: string };
    await fakeTelegram.waitForMessages(person, 1);
    const before = (await heartbeatRequests()).length;

    expect(await beat(userId)).toBe("empty checklist");
    expect(await heartbeatRequests()).toHaveLength(before);

    await env.WORKSPACES.put(
      `users/${userId}/workspace/HEARTBEAT.md`,
      "# Heartbeat checklist\n- remind about the plants-4411 on Wednesdays\n",
    );
    await fakeModel.script([{ text: "HEARTBEAT_OK" }]);
    expect(await beat(userId)).toBe("queued");
    await waitFor(heartbeatRequests, (r) => r.length === before + 1, "the heartbeat turn");
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    expect(await fakeTelegram.sentTo(person)).toHaveLength(1);

    await fakeModel.script([{ text: "Water the plants-4411 today." }]);
    expect(await beat(userId)).toBe("queued");
    const sent = await fakeTelegram.waitForMessages(person, 2);
    expect(sent[1]?.params.text).toBe("Water the plants-4411 today.");
    const lastBeat = (await heartbeatRequests()).at(-1);
    // The silent heartbeat left nothing in the session.
    expect(JSON.stringify(lastBeat?.body.messages)).not.toContain('HEARTBEAT_OK"');
  });
});
