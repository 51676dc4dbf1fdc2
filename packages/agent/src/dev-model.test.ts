import { tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createDevModel } from "./dev-model";
import { runAgentTurn } from "./run-agent-turn";
import { createUseToolsTool } from "./tools/use-tools-tool";

/** Tools with the real names and shapes, recording what the model asked for. */
function recordingTools(names: string[]) {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  const tools = Object.fromEntries(
    names.map((name) => [
      name,
      tool({
        description: name,
        inputSchema: z.record(z.string(), z.unknown()),
        execute: async (input) => {
          calls.push({ name, input });
          return { ok: true, tool: name };
        },
      }),
    ]),
  );
  return { calls, tools };
}

const ALL_TOOLS = [
  "remember",
  "search_memory",
  "forget",
  "set_reminder",
  "list_reminders",
  "shell",
  "browser_open",
  "browser_screenshot",
  "web_fetch",
];

async function ask(userText: string, toolNames = ALL_TOOLS, streaming = false) {
  const { calls, tools } = recordingTools(toolNames);
  const result = await runAgentTurn({
    model: createDevModel(),
    system: "The person's time zone is Europe/Paris; their local time is 2026-01-05 09:30 (Mon).",
    history: [],
    userText,
    tools,
    ...(streaming ? { onTextDelta: () => {} } : {}),
  });
  return { calls, text: result.text };
}

describe("the offline dev model", () => {
  it("turns 'remember …' into the remember tool and reports its answer", async () => {
    const { calls, text } = await ask("remember that my favourite colour is green");
    expect(calls).toEqual([
      { name: "remember", input: { text: "my favourite colour is green", where: "long_term" } },
    ]);
    expect(text).toContain("remember");
    expect(text).toContain('"ok": true');
  });

  it("sets a reminder at the person's local time plus the delay", async () => {
    const { calls } = await ask("remind me in 2 minutes to stretch");
    expect(calls).toEqual([
      { name: "set_reminder", input: { text: "stretch", at: "2026-01-05T09:32", action: "say" } },
    ]);
  });

  it("runs a command on the computer and opens a page in the browser", async () => {
    expect((await ask("run ls -la")).calls).toEqual([
      { name: "shell", input: { command: "ls -la" } },
    ]);
    expect((await ask("open example.com", ALL_TOOLS, true)).calls).toEqual([
      { name: "browser_open", input: { url: "https://example.com" } },
    ]);
  });

  it("falls back to web_fetch without a browser, and says when a tool is missing", async () => {
    expect((await ask("open https://example.com", ["web_fetch"])).calls).toEqual([
      { name: "web_fetch", input: { url: "https://example.com" } },
    ]);
    const missing = await ask("remember that I like tea", ["web_fetch"]);
    expect(missing.calls).toEqual([]);
    expect(missing.text).toContain("not available");
  });

  it("echoes anything else and says what to try", async () => {
    const { calls, text } = await ask("hello there");
    expect(calls).toEqual([]);
    expect(text).toContain("You said: “hello there”");
    expect(text).toContain("remind me in 2 minutes");
  });

  it("asks use_tools for a toolset that is not on yet, then calls the tool it offers", async () => {
    const { calls, tools } = recordingTools(["remember", "shell", "browser_open", "web_fetch"]);
    const toolsetOf: Record<string, string> = {
      shell: "computer",
      browser_open: "browser",
      web_fetch: "web",
    };
    const on = new Set<string>(["web"]);
    const useTools = createUseToolsTool({
      toolsets: ["web", "browser", "computer"].map((name) => ({ name, summary: name })),
      activate: (names) => {
        for (const name of names) on.add(name);
        return Object.keys(toolsetOf).filter((tool) => names.includes(toolsetOf[tool] ?? ""));
      },
    });
    const turn = (userText: string) =>
      runAgentTurn({
        model: createDevModel(),
        system: "",
        history: [],
        userText,
        tools: { ...tools, use_tools: useTools },
        toolOffer: {
          isOffered: (name) => {
            const toolset = toolsetOf[name];
            return toolset === undefined || on.has(toolset);
          },
        },
      });
    const ran = await turn("run uname -a");
    expect(calls).toEqual([{ name: "shell", input: { command: "uname -a" } }]);
    expect(ran.text).toContain("shell");
    expect(ran.newMessages.map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "assistant",
      "tool",
      "assistant",
    ]);
    expect(JSON.stringify(ran.newMessages[1])).toContain('"toolsets":["computer"]');
    // A web address already turned the web tools on, but the browser is asked for first.
    await turn("open https://example.com");
    expect(calls.at(-1)).toEqual({ name: "browser_open", input: { url: "https://example.com" } });
  });
});
