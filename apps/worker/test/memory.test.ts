import { env } from "cloudflare:test";
import { estimateTokens } from "@molt/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeTelegram, type ModelRequest, resetFakes } from "./support/fakes";
import { groupUpdate, newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

async function say(person: number, text: string): Promise<string> {
  const response = await postTelegramUpdate(privateTextUpdate(person, text));
  const body = (await response.json()) as { userId: string };
  return body.userId;
}

function systemOf(request: ModelRequest | undefined): string {
  return String(request?.body.messages.find((m) => m.role === "system")?.content ?? "");
}

function toolNames(request: ModelRequest | undefined): string[] {
  return ((request?.body.tools ?? []) as { function: { name: string } }[]).map(
    (t) => t.function.name,
  );
}

/** Every request of the turn that `marker` started, tool round trips included. */
async function turnRequests(marker: string): Promise<ModelRequest[]> {
  return (await fakeModel.requests()).filter((r) =>
    JSON.stringify(r.body.messages).includes(marker),
  );
}

async function lastRequestMentioning(marker: string): Promise<ModelRequest | undefined> {
  return (await fakeModel.requestsMentioning(marker)).at(-1);
}

describe("memory across sessions", () => {
  it("keeps a remembered fact in the next session's prompt and through compaction", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([
      {
        toolCalls: [
          {
            name: "remember",
            arguments: { text: "favourite colour is ultramarine-7431", where: "long_term" },
          },
        ],
      },
      { text: "Noted." },
    ]);
    const userId = await say(person, "mem-1: my favourite colour is ultramarine-7431");
    await fakeTelegram.waitForMessages(person, 1);
    const memoryFile = await env.WORKSPACES.get(`users/${userId}/workspace/MEMORY.md`);
    expect(await memoryFile?.text()).toContain("favourite colour is ultramarine-7431");

    await say(person, "/new");
    await fakeTelegram.waitForMessages(person, 2);
    await say(person, "mem-2: my dog is called Pixel-88");
    await fakeTelegram.waitForMessages(person, 3);
    const nextSession = await lastRequestMentioning("mem-2");
    expect(nextSession?.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(systemOf(nextSession)).toContain("ultramarine-7431");

    await fakeModel.script([{ text: "- The person has a dog named Pixel-88." }]);
    await say(person, "/compact");
    const compacted = await fakeTelegram.waitForMessages(person, 4);
    expect(compacted[3]?.params.text).toContain("Compacted 2 messages");
    await say(person, "mem-3: what do you know?");
    await fakeTelegram.waitForMessages(person, 5);
    const afterCompaction = await lastRequestMentioning("mem-3");
    const system = systemOf(afterCompaction);
    // Only the new message is left verbatim; the rest lives in the summary and today's note.
    expect(afterCompaction?.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(system).toContain("ultramarine-7431");
    expect(system).toContain("said: mem-2: my dog is called Pixel-88");
    expect(system).toContain("The person has a dog named Pixel-88.");
  });

  it("compacts a session near the budget, saving what was said to today's note first", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "auto-0: hi");
    await fakeTelegram.waitForMessages(person, 1);
    // About 20,000 estimated tokens: past 80% of the 24,000-token history budget.
    await fakeModel.script([{ text: "That is long." }]);
    await say(person, `auto-1: the launch code is falcon-6262 ${"lorem ipsum ".repeat(6_700)}`);
    await fakeTelegram.waitForMessages(person, 2);
    await fakeModel.script([
      { text: "- The person shared a long text with the launch code falcon-6262." },
      { text: "ok" },
    ]);
    await say(person, "auto-2: next");
    await fakeTelegram.waitForMessages(person, 3);
    const request = await lastRequestMentioning("auto-2");
    expect(request?.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(systemOf(request)).toContain("said: auto-1: the launch code is falcon-6262");
    expect(systemOf(request)).toContain("- The person shared a long text");
    const day = new Date().toISOString().slice(0, 10);
    const note = await env.WORKSPACES.get(`users/${userId}/workspace/memory/${day}.md`);
    expect(await note?.text()).toContain("saved before compacting");
  });

  it("answers 'what do you remember' from the search index, past sessions included", async () => {
    const person = newAllowedPersonId();
    await say(person, "search-1: my locker code is quartz-5150");
    await fakeTelegram.waitForMessages(person, 1);
    await say(person, "/new");
    await fakeTelegram.waitForMessages(person, 2);
    await fakeModel.script([
      { toolCalls: [{ name: "search_memory", arguments: { query: "locker code" } }] },
      { text: "Your locker code is quartz-5150." },
    ]);
    await say(person, "search-2: what was my locker code?");
    await fakeTelegram.waitForMessages(person, 3);
    const requests = await turnRequests("search-2");
    const withResult = requests.find((r) => r.body.messages.some((m) => m.role === "tool"));
    const toolResult = JSON.stringify(withResult?.body.messages.find((m) => m.role === "tool"));
    expect(toolResult).toContain("quartz-5150");
    expect(toolResult).toContain("session:");

    await fakeModel.script([
      { toolCalls: [{ name: "forget", arguments: { text: "quartz-5150" } }] },
      { text: "Forgotten." },
      { toolCalls: [{ name: "search_memory", arguments: { query: "quartz" } }] },
      { text: "Nothing." },
    ]);
    await say(person, "search-3: forget my locker code");
    await fakeTelegram.waitForMessages(person, 4);
    await say(person, "search-4: what was it?");
    await fakeTelegram.waitForMessages(person, 5);
    const after = (await turnRequests("search-4")).flatMap((r) => r.body.messages);
    const searched = JSON.stringify(after.filter((m) => m.role === "tool").at(-1));
    expect(searched).toContain("Nothing found.");
  });

  it("finds a memory file edited outside the agent", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "edit-1: hello");
    await fakeTelegram.waitForMessages(person, 1);
    await env.WORKSPACES.put(
      `users/${userId}/workspace/memory/2020-01-02.md`,
      "# 2020-01-02\n- planted the walnut-9090 tree\n",
    );
    await fakeModel.script([
      { toolCalls: [{ name: "search_memory", arguments: { query: "walnut-9090" } }] },
      { text: "ok" },
    ]);
    await say(person, "edit-2: what did I plant?");
    await fakeTelegram.waitForMessages(person, 2);
    const requests = await turnRequests("edit-2");
    const tool = requests.flatMap((r) => r.body.messages).find((m) => m.role === "tool");
    expect(JSON.stringify(tool)).toContain("memory/2020-01-02.md");
  });

  it("never shows MEMORY.md or daily notes in a group chat", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "group-0: hi");
    await fakeTelegram.waitForMessages(person, 1);
    await env.WORKSPACES.put(
      `users/${userId}/workspace/MEMORY.md`,
      "# Long-term memory\n- secret-salary-123\n",
    );
    const groupChat = -1000000000000 - person;
    const update = groupUpdate("mention", person, groupChat);
    await postTelegramUpdate(update);
    await fakeTelegram.waitForMessages(groupChat, 1);
    const request = (await fakeModel.requests())
      .filter((r) => systemOf(r).includes("group chat"))
      .at(-1);
    expect(systemOf(request)).toContain("SOUL.md");
    expect(systemOf(request)).not.toContain("secret-salary-123");
    expect(toolNames(request)).not.toContain("search_memory");
    await say(person, "group-1: private again");
    await fakeTelegram.waitForMessages(person, 2);
    expect(systemOf(await lastRequestMentioning("group-1"))).toContain("secret-salary-123");
  });
});

describe("skills", () => {
  it("lists a skill in the prompt and loads its full text only when used", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "skill-0: hi");
    await fakeTelegram.waitForMessages(person, 1);
    await env.WORKSPACES.put(
      `users/${userId}/workspace/skills/haiku/SKILL.md`,
      "---\nname: haiku\ndescription: Write a haiku about anything\n---\nCount 5-7-5 syllables; run scripts/count.sh to check.\n",
    );
    await fakeModel.script([
      { toolCalls: [{ name: "use_skill", arguments: { name: "haiku" } }] },
      { text: "Autumn moonlight..." },
    ]);
    await say(person, "skill-1: write a haiku");
    await fakeTelegram.waitForMessages(person, 2);
    const requests = await turnRequests("skill-1");
    const first = requests[0];
    expect(systemOf(first)).toContain("- haiku: Write a haiku about anything");
    expect(systemOf(first)).not.toContain("5-7-5");
    const tool = requests.flatMap((r) => r.body.messages).find((m) => m.role === "tool");
    expect(JSON.stringify(tool)).toContain("Count 5-7-5 syllables");
  });
});

describe("the daily token cap", () => {
  it("stops before calling the model and says why", async () => {
    const person = newAllowedPersonId();
    const userId = await say(person, "cap-0: hi");
    await fakeTelegram.waitForMessages(person, 1);
    const set = await adminFetch(`/api/users/${userId}/usage`, {
      method: "PUT",
      body: JSON.stringify({ dailyLimit: 1 }),
    });
    expect(set.status).toBe(200);
    const usage = (await set.json()) as {
      dailyLimit: number;
      remaining: number;
      inputTokens: number;
    };
    expect(usage).toMatchObject({ dailyLimit: 1, remaining: 0 });
    expect(usage.inputTokens).toBeGreaterThan(0);

    await say(person, "cap-1: are you there?");
    const replies = await fakeTelegram.waitForMessages(person, 2);
    expect(replies[1]?.params.text).toContain("today's token budget");
    expect(await fakeModel.requestsMentioning("cap-1")).toHaveLength(0);
    await say(person, "/status");
    const status = await fakeTelegram.waitForMessages(person, 3);
    expect(status[2]?.params.text).toContain("Daily token cap: 1 (0 left)");

    await adminFetch(`/api/users/${userId}/usage`, {
      method: "PUT",
      body: JSON.stringify({ dailyLimit: null }),
    });
    await say(person, "/retry");
    await fakeTelegram.waitForMessages(person, 4);
    expect(await fakeModel.requestsMentioning("cap-1")).toHaveLength(1);
  });
});

describe("prompt size", () => {
  it("keeps a plain turn's system text and tool schemas lean", async () => {
    const person = newAllowedPersonId();
    await say(person, "size-1: hello");
    await fakeTelegram.waitForMessages(person, 1);
    const request = await lastRequestMentioning("size-1");
    const systemTokens = estimateTokens(systemOf(request));
    const toolTokens = estimateTokens(JSON.stringify(request?.body.tools ?? []));
    console.log(
      `plain turn prompt: system ${systemTokens} + tools ${toolTokens} = ${systemTokens + toolTokens} tokens`,
    );
    // 3,000 until send_file (about 70 tokens) joined every Telegram and Slack turn.
    expect(systemTokens + toolTokens).toBeLessThan(3100);
  });
});
