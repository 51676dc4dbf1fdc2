import { type LanguageModel, type ModelMessage, tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgentTurn } from "./run-agent-turn";
import { pendingToolApprovals, toolApprovalResponseMessage } from "./tool-approvals";

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
};

/** A model that calls `shell` once, then answers with what the tool result said. */
function shellThenAnswer(): LanguageModel {
  return new MockLanguageModelV4({
    doGenerate: async (options) => {
      const last = options.prompt.at(-1);
      if (last?.role === "tool") {
        return {
          content: [{ type: "text", text: `after: ${JSON.stringify(last.content)}` }],
          finishReason: { unified: "stop", raw: "stop" },
          usage,
          warnings: [],
        };
      }
      return {
        content: [
          { type: "tool-call", toolCallId: "call-1", toolName: "shell", input: '{"command":"ls"}' },
        ],
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage,
        warnings: [],
      };
    },
  });
}

function countingShell() {
  const runs: string[] = [];
  const shell = tool({
    description: "run",
    inputSchema: z.object({ command: z.string() }),
    execute: async ({ command }) => {
      runs.push(command);
      return { output: "ran" };
    },
  });
  return { runs, tools: { shell } };
}

const asksForShell = () => ({ type: "user-approval" as const, reason: "a page is in the turn" });

describe("a turn that needs a person's approval", () => {
  it("ends with the request, then runs the tool once when resumed with a yes", async () => {
    const { runs, tools } = countingShell();
    const base = { model: shellThenAnswer(), system: "", history: [], tools };
    const first = await runAgentTurn({ ...base, userText: "go", toolApproval: asksForShell });
    expect(runs).toEqual([]);
    expect(first.pendingApprovals).toMatchObject([
      { toolName: "shell", input: { command: "ls" }, reason: "a page is in the turn" },
    ]);
    const approvalId = first.pendingApprovals[0]?.approvalId ?? "";

    const resumed = await runAgentTurn({
      ...base,
      userText: "go",
      continueFrom: [
        ...first.newMessages,
        toolApprovalResponseMessage([{ approvalId, approved: true }]),
      ],
      toolApproval: asksForShell,
    });
    expect(runs).toEqual(["ls"]);
    expect(resumed.pendingApprovals).toEqual([]);
    expect(resumed.text).toContain("ran");
    expect(resumed.newMessages[0]).toEqual({ role: "user", content: "go" });
  });

  it("never runs the tool when resumed with a no, and the model hears why", async () => {
    const { runs, tools } = countingShell();
    const base = { model: shellThenAnswer(), system: "", history: [], tools };
    const first = await runAgentTurn({ ...base, userText: "go", toolApproval: asksForShell });
    const approvalId = first.pendingApprovals[0]?.approvalId ?? "";
    const resumed = await runAgentTurn({
      ...base,
      userText: "go",
      continueFrom: [
        ...first.newMessages,
        toolApprovalResponseMessage([{ approvalId, approved: false, reason: "The person denied" }]),
      ],
      toolApproval: asksForShell,
    });
    expect(runs).toEqual([]);
    expect(resumed.text).toContain("execution-denied");
    expect(resumed.text).toContain("The person denied");
  });
});

describe("pendingToolApprovals", () => {
  it("lists requests no response answers yet, and skips automatic ones", () => {
    const messages: ModelMessage[] = [
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "c1", toolName: "shell", input: { command: "a" } },
          { type: "tool-call", toolCallId: "c2", toolName: "shell", input: { command: "b" } },
          { type: "tool-approval-request", approvalId: "a1", toolCallId: "c1" },
          { type: "tool-approval-request", approvalId: "a2", toolCallId: "c2", isAutomatic: true },
        ],
      },
    ];
    expect(pendingToolApprovals(messages).map((request) => request.approvalId)).toEqual(["a1"]);
    const answered = [
      ...messages,
      toolApprovalResponseMessage([{ approvalId: "a1", approved: false }]),
    ];
    expect(pendingToolApprovals(answered)).toEqual([]);
  });
});
