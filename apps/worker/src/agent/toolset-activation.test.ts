import { afterEach, describe, expect, it, vi } from "vitest";
import { createMigratedAgentStorage } from "../testing/migrated-agent-storage";
import type { NodeDurableStorage } from "../testing/node-sql-storage";
import { AgentSettings } from "./agent-settings";
import { openToolsetActivation, toolsetsNeededBy } from "./toolset-activation";

describe("toolsets kept per session", () => {
  let storage: NodeDurableStorage;
  afterEach(() => {
    storage.close();
    vi.restoreAllMocks();
  });

  it("stay on for the session, read as none in the next one, and are logged once", () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    storage = createMigratedAgentStorage();
    const settings = new AgentSettings(storage.sql);
    const chat = { conversationKey: "telegram:42" };
    const first = openToolsetActivation(settings, "u1", chat, "telegram:42@1");
    expect(first.activate(["computer"], "use_tools")).toEqual(["computer"]);
    expect(first.activate(["computer", "web"], "tool_call")).toEqual(["web"]);
    expect(first.activate(["web"], "message")).toEqual([]);

    const sameSession = openToolsetActivation(settings, "u1", chat, "telegram:42@1");
    expect(sameSession.isOn("computer") && sameSession.isOn("web")).toBe(true);
    const otherChat = openToolsetActivation(settings, "u1", { conversationKey: "x" }, "x@1");
    expect(otherChat.isOn("computer")).toBe(false);
    const nextSession = openToolsetActivation(settings, "u1", chat, "telegram:42@2");
    expect(nextSession.isOn("computer")).toBe(false);

    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ event: "toolset", toolsets: "computer", cause: "use_tools" }),
      expect.objectContaining({ event: "toolset", toolsets: "web", cause: "tool_call" }),
    ]);
  });

  it("reads a malformed or unknown stored value as nothing on", () => {
    storage = createMigratedAgentStorage();
    const settings = new AgentSettings(storage.sql);
    settings.setText("toolsets:c", "not json");
    expect(openToolsetActivation(settings, "u", { conversationKey: "c" }, "s").isOn("web")).toBe(
      false,
    );
    settings.setJson("toolsets:c", { sessionId: "s", toolsets: ["gone", "browser"] });
    const activation = openToolsetActivation(settings, "u", { conversationKey: "c" }, "s");
    expect(activation.isOn("browser")).toBe(true);
  });
});

describe("toolsets a message needs", () => {
  it.each([
    ["read https://example.com/a please", ["web"]],
    ["what is on www.example.org today", ["web"]],
    ["HTTP://EXAMPLE.COM", ["web"]],
    ["run the tests", []],
    ["the file is example.txt", []],
  ])("%s", (text, expected) => {
    expect(toolsetsNeededBy({ text })).toEqual(expected);
  });
});

describe("toolsets a message with attachments needs", () => {
  it("turns the computer on for a received document, not for a photo or a voice note", () => {
    expect(toolsetsNeededBy({ text: "", attachments: [{ kind: "document" }] })).toEqual([
      "computer",
    ]);
    expect(
      toolsetsNeededBy({ text: "", attachments: [{ kind: "image" }, { kind: "voice" }] }),
    ).toEqual([]);
  });
});
