import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_TELEGRAM_TOKEN, TEST_WEBHOOK_SECRET } from "../../../tests/setup/test-settings";
import { newConsoleUser } from "./support/console-user";
import { fakeModel, resetFakes, waitFor } from "./support/fakes";
import { sandboxHost } from "./support/sandbox-host";

beforeAll(resetFakes);

async function workspaceFile(userId: string, path: string): Promise<string | null> {
  const object = await env.WORKSPACES.get(`users/${userId}/workspace/${path}`);
  return object ? object.text() : null;
}

/** The tool result the model saw for the request that followed its tool call. */
async function toolResultsMentioning(marker: string): Promise<string[]> {
  const requests = await fakeModel.requests();
  return requests
    .filter((request) => JSON.stringify(request.body.messages).includes(marker))
    .flatMap((request) => request.body.messages.filter((message) => message.role === "tool"))
    .map((message) => JSON.stringify(message.content));
}

describe("the agent's computer", () => {
  it("runs a shell command the model asks for, returns its output and keeps the file in R2", async () => {
    const person = await newConsoleUser("shell");
    await fakeModel.script([
      {
        toolCalls: [
          {
            name: "shell",
            arguments: { command: "mkdir -p notes && echo sandbox-hello | tee notes/greeting.txt" },
          },
        ],
      },
      { text: "I wrote the greeting." },
    ]);
    const reply = await person.say("sandbox-marker-shell: write a greeting");
    expect(reply).toBe("I wrote the greeting.");
    const results = await toolResultsMentioning("sandbox-marker-shell");
    expect(results.join("\n")).toContain("sandbox-hello");
    expect(results.join("\n")).toContain('\\"exitCode\\":0');
    expect(await workspaceFile(person.userId, "notes/greeting.txt")).toBe("sandbox-hello\n");
  });

  it("never starts the computer for a plain chat turn", async () => {
    const person = await newConsoleUser("plain");
    const reply = await person.say("sandbox-marker-plain: just chatting");
    expect(reply).toContain("echo: sandbox-marker-plain");
    expect((await sandboxHost.status(person.userId)).running).toBe(false);
    const status = await person.call(`/api/users/${person.userId}/sandbox`);
    expect(await status.json()).toMatchObject({ userId: person.userId, state: "sleeping" });
  });

  it("restores files written to R2 into a fresh computer and writes deletions back", async () => {
    const person = await newConsoleUser("restore");
    await person.say("sandbox-marker-restore-0: hello");
    await env.WORKSPACES.put(`users/${person.userId}/workspace/memory/notes.md`, "remember me\n");
    await env.WORKSPACES.put(`users/${person.userId}/workspace/old.txt`, "stale\n");
    await fakeModel.script([
      {
        toolCalls: [{ name: "shell", arguments: { command: "cat memory/notes.md && rm old.txt" } }],
      },
      {
        toolCalls: [
          {
            name: "edit_file",
            arguments: {
              path: "memory/notes.md",
              oldText: "remember me",
              newText: "remember this",
            },
          },
        ],
      },
      { text: "Done." },
    ]);
    await person.say("sandbox-marker-restore: tidy up");
    const results = await toolResultsMentioning("sandbox-marker-restore:");
    expect(results.join("\n")).toContain("remember me");
    expect(await workspaceFile(person.userId, "old.txt")).toBeNull();
    expect(await workspaceFile(person.userId, "memory/notes.md")).toBe("remember this\n");
  });

  it("gives commands an environment without any of the Worker's secrets", async () => {
    const person = await newConsoleUser("env");
    await fakeModel.script([
      {
        toolCalls: [
          { name: "shell", arguments: { command: "env; cat /proc/self/environ | tr '\\0' '\\n'" } },
        ],
      },
      { text: "Here is the environment." },
    ]);
    await person.say("sandbox-marker-env: show env");
    const [result = ""] = await toolResultsMentioning("sandbox-marker-env");
    expect(result).toContain("HOME=");
    for (const secret of [TEST_TELEGRAM_TOKEN, TEST_WEBHOOK_SECRET, "SANDBOX_RUNTIME_TOKEN"]) {
      expect(result).not.toContain(secret);
    }
    const names = [...result.matchAll(/(?:\\n|")([A-Z_]+)=/g)].map((match) => match[1]);
    expect(new Set(names)).toEqual(new Set(["HOME", "LANG", "PATH", "TERM", "PWD", "SHLVL", "_"]));
  });

  it("survives the runtime dying mid-command: clear message, restart, earlier files back", async () => {
    const person = await newConsoleUser("fault");
    await fakeModel.script([
      {
        toolCalls: [
          { name: "write_file", arguments: { path: "kept.txt", content: "from turn one" } },
        ],
      },
      { text: "Saved." },
    ]);
    await person.say("sandbox-marker-fault-1: save a file");
    expect(await workspaceFile(person.userId, "kept.txt")).toBe("from turn one");

    await fakeModel.script([
      {
        toolCalls: [
          { name: "shell", arguments: { command: "echo lost > lost.txt; sleep 8; echo finished" } },
        ],
      },
      { toolCalls: [{ name: "read_file", arguments: { path: "kept.txt" } }] },
      { text: "The file is still there." },
    ]);
    const { afterSeq } = await person.send("sandbox-marker-fault-2: long job");
    await waitFor(
      () => sandboxHost.status(person.userId),
      (status) => status.inFlight.includes("/exec"),
      "the long command to be running",
    );
    await sandboxHost.kill(person.userId);
    const { replies } = await waitFor(
      () => person.repliesAfter(afterSeq),
      (result) => result.replies.length > 0 && result.waiting === 0,
      "the reply after the fault",
      30_000,
    );
    const reply = replies.map((entry) => entry.text).join("\n");
    expect(reply).toContain("The file is still there.");
    expect(reply).toContain("My computer restarted during this turn");
    const results = (await toolResultsMentioning("sandbox-marker-fault-2")).join("\n");
    expect(results).toContain("The computer restarted; the command was interrupted");
    expect(results).toContain("from turn one");
    expect((await sandboxHost.status(person.userId)).running).toBe(true);
    // Work the dead runtime never saved is gone; R2 holds what earlier turns reported.
    expect(await workspaceFile(person.userId, "lost.txt")).toBeNull();
  }, 60_000);

  it("ends a running command when the person sends /stop", async () => {
    const person = await newConsoleUser("stop");
    await fakeModel.script([
      { toolCalls: [{ name: "shell", arguments: { command: "sleep 30; echo late > late.txt" } }] },
      { text: "never sent" },
    ]);
    const { afterSeq } = await person.send("sandbox-marker-stop: long job");
    await waitFor(
      () => sandboxHost.status(person.userId),
      (status) => status.inFlight.includes("/exec"),
      "the long command to be running",
    );
    await person.send("/stop");
    const { replies } = await waitFor(
      () => person.repliesAfter(afterSeq),
      (result) => result.replies.length > 0 && result.waiting === 0,
      "the reply to /stop",
    );
    expect(replies.map((reply) => reply.text)).toEqual(["Stopped."]);
    // The Worker cancelled the call by its id (no AbortSignal crosses to the runtime): the
    // runtime killed the command.
    const after = await waitFor(
      () => sandboxHost.status(person.userId),
      (status) => !status.inFlight.includes("/exec"),
      "the command to end",
    );
    expect(after.running).toBe(true);
  }, 40_000);
});
