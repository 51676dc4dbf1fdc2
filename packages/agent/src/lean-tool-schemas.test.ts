import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { toolSchemaConversions } from "./lean-tool-schemas";
import { createReminderTools } from "./reminders/reminder-tools";
import { runAgentTurn } from "./run-agent-turn";
import { createCurrentTimeTool } from "./tools/current-time-tool";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

describe("tool schemas", () => {
  it("are converted to JSON Schema once, not on every turn that builds the tools afresh", async () => {
    const seen: unknown[] = [];
    const model = new MockLanguageModelV4({
      doGenerate: async (options) => {
        seen.push(options.tools);
        return {
          content: [{ type: "text", text: "ok" }],
          finishReason: { unified: "stop", raw: "stop" },
          usage,
          warnings: [],
        };
      },
    });
    // Built per turn, as the Worker does: new tool objects and new zod schemas each time.
    const turn = () =>
      runAgentTurn({
        model,
        system: "s",
        history: [],
        userText: "hi",
        tools: {
          current_time: createCurrentTimeTool(),
          ...createReminderTools({
            timeZone: "UTC",
            now: () => Date.now(),
            book: {
              add: async () => ({ id: "r1", summary: "" }),
              list: () => [],
              cancel: async () => false,
            },
          } as unknown as Parameters<typeof createReminderTools>[0]),
        },
      });
    const before = toolSchemaConversions();
    await turn();
    const afterFirst = toolSchemaConversions();
    await turn();
    expect(afterFirst - before).toBeLessThanOrEqual(4);
    expect(toolSchemaConversions()).toBe(afterFirst);
    // The second turn still sends complete schemas, without the `$schema` URI.
    expect(JSON.stringify(seen[1])).toBe(JSON.stringify(seen[0]));
    expect(JSON.stringify(seen[1])).toContain('"timeZone"');
    expect(JSON.stringify(seen[1])).not.toContain("$schema");
  });
});
