import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeTelegram, resetFakes } from "./support/fakes";
import { groupUpdate, newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

const MEMORY_SECRET = "secret-salary-98231";
const NOTE_SECRET = "secret-diagnosis-55170";

/** Reads of the private files by path, as an injected group message would ask for them. */
const READ_ATTEMPTS = [
  "MEMORY.md",
  "./MEMORY.md",
  "/workspace/MEMORY.md",
  "notes/../MEMORY.md",
  "memory.md",
  "memory/2026-01-02.md",
  "./memory//2026-01-02.md",
  "Memory/2026-01-02.md",
];

describe("a group turn cannot reach the person's private files", () => {
  it("refuses reads, listings and searches of MEMORY.md and daily notes, and offers no shell", async () => {
    const person = newAllowedPersonId();
    const first = await postTelegramUpdate(privateTextUpdate(person, "gp-0: hi"));
    const { userId } = (await first.json()) as { userId: string };
    await fakeTelegram.waitForMessages(person, 1);
    const workspace = `users/${userId}/workspace`;
    await env.WORKSPACES.put(`${workspace}/MEMORY.md`, `# Memory\n- ${MEMORY_SECRET}\n`);
    await env.WORKSPACES.put(`${workspace}/memory/2026-01-02.md`, `- ${NOTE_SECRET}\n`);
    await env.WORKSPACES.put(`${workspace}/notes/shared.md`, "shared-notes-ok\n");

    await fakeModel.script([
      {
        toolCalls: [
          ...READ_ATTEMPTS.map((path) => ({ name: "read_file", arguments: { path } })),
          { name: "list_files", arguments: { recursive: true } },
          { name: "list_files", arguments: { path: "memory" } },
          { name: "search_files", arguments: { pattern: "secret-", literal: true } },
          { name: "search_files", arguments: { pattern: "secret", path: "memory" } },
          { name: "read_file", arguments: { path: "notes/shared.md" } },
        ],
      },
      { text: "Nothing to share." },
    ]);
    const groupChat = -1000000000000 - person;
    const update = groupUpdate("mention", person, groupChat);
    update.message.text = `${update.message.text} gp-marker-1`;
    await postTelegramUpdate(update);
    await fakeTelegram.waitForMessages(groupChat, 1);

    const requests = (await fakeModel.requests()).filter((request) =>
      JSON.stringify(request.body.messages).includes("gp-marker-1"),
    );
    const offeredIn = (request: (typeof requests)[number] | undefined) =>
      ((request?.body.tools ?? []) as { function: { name: string } }[]).map(
        (tool) => tool.function.name,
      );
    // The file tools are offered once the computer's toolset is on (here: by the calls above).
    const offered = requests.flatMap(offeredIn);
    for (const name of [
      "shell",
      "start_process",
      "list_processes",
      "process_logs",
      "stop_process",
    ]) {
      expect(offered).not.toContain(name);
    }
    expect(offeredIn(requests.at(-1))).toContain("read_file");
    const toolResults = requests
      .flatMap((request) => request.body.messages)
      .filter((message) => message.role === "tool")
      .map((message) => JSON.stringify(message.content));
    const seen = toolResults.join("\n");
    expect(seen).toContain("shared-notes-ok");
    expect(seen).not.toContain(MEMORY_SECRET);
    expect(seen).not.toContain(NOTE_SECRET);
    expect(seen).not.toContain("2026-01-02.md");
    expect(seen).toContain("private");
  });
});
