import { strToU8, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { newConsoleUser } from "./support/console-user";
import { fakeModel, type ModelRequest, resetFakes } from "./support/fakes";

beforeAll(resetFakes);

type Person = Awaited<ReturnType<typeof newConsoleUser>>;

function systemOf(request: ModelRequest | undefined): string {
  return String(request?.body.messages.find((m) => m.role === "system")?.content ?? "");
}

/** The newest user message's parts: the turn context first, then the person's words. */
function newestUserParts(request: ModelRequest | undefined): string[] {
  const content = request?.body.messages.filter((m) => m.role === "user").at(-1)?.content;
  if (typeof content === "string") return [content];
  return ((content ?? []) as { text?: string }[]).map((part) => part.text ?? "");
}

async function firstRequestOf(marker: string): Promise<ModelRequest> {
  const request = (await fakeModel.requestsMentioning(marker))[0];
  if (!request) throw new Error(`no model request for ${marker}`);
  return request;
}

async function adminWrite(person: Person, path: string, content: string): Promise<void> {
  const response = await person.call(
    `/api/users/${person.userId}/files/content?path=${encodeURIComponent(path)}`,
    { method: "PUT", body: JSON.stringify({ content }) },
  );
  expect(response.status).toBe(200);
}

describe("a prompt that caches", () => {
  it("keeps the stable part byte-identical between turns and sends the time with the message", async () => {
    const person = await newConsoleUser("stable");
    await person.say("pc-1: hello");
    await person.say("pc-2: and again");
    const first = await firstRequestOf("pc-1");
    const second = await firstRequestOf("pc-2");
    expect(systemOf(second)).toBe(systemOf(first));
    expect(JSON.stringify(second.body.tools)).toBe(JSON.stringify(first.body.tools));
    expect(systemOf(first)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const [context, words] = newestUserParts(second);
    expect(context).toMatch(/^<turn_context>\nCurrent time: \d{4}-\d{2}-\d{2}T/);
    expect(words).toBe("pc-2: and again");
    // The first turn is history now, stored without its turn context: the prefix holds.
    const history = JSON.stringify(second.body.messages.slice(1, -1));
    expect(history).toContain("pc-1: hello");
    expect(history).not.toContain("<turn_context>");
    expect(second.sharedPrefixTokens).toBeGreaterThan(0.8 * (second.promptTokens ?? 0));
  });

  it("counts cached input tokens in the usage report and /status", async () => {
    const person = await newConsoleUser("cached");
    await person.say("pc-3: one");
    await person.say("pc-4: two");
    const usage = (await (await person.call(`/api/users/${person.userId}/usage`)).json()) as {
      inputTokens: number;
      cachedInputTokens: number;
    };
    // The fake caches like OpenAI: from 1,024 shared tokens, in steps of 128.
    expect(usage.cachedInputTokens).toBeGreaterThanOrEqual(1024);
    expect(usage.cachedInputTokens).toBeLessThan(usage.inputTokens);
    const status = await person.say("/status");
    expect(status).toContain(`input (${usage.cachedInputTokens} of them cached)`);
  });
});

describe("the prompt's workspace files", () => {
  it("show every kind of edit at the next turn, though a plain turn reads them from the agent", async () => {
    const person = await newConsoleUser("writers");
    await person.say("pw-0: hello");

    // An admin edit (the Worker writes R2, then tells the agent).
    await adminWrite(person, "MEMORY.md", "# Long-term memory\n- admin-edit-4411\n");
    await person.say("pw-1: next");
    expect(systemOf(await firstRequestOf("pw-1"))).toContain("admin-edit-4411");

    // A memory tool (through the agent's own store).
    await fakeModel.script([
      {
        toolCalls: [
          { name: "remember", arguments: { text: "tool-fact-5522", where: "long_term" } },
        ],
      },
      { text: "Noted." },
    ]);
    await person.say("pw-2: remember this");
    await person.say("pw-3: next");
    expect(systemOf(await firstRequestOf("pw-3"))).toContain("tool-fact-5522");

    // The computer's write-back at the end of a turn.
    await fakeModel.script([
      {
        toolCalls: [
          {
            name: "write_file",
            arguments: { path: "USER.md", content: "# About the person\n\nName: sandbox-6633\n" },
          },
        ],
      },
      { text: "Written." },
    ]);
    await person.say("pw-4: write my name");
    await person.say("pw-5: next");
    expect(systemOf(await firstRequestOf("pw-5"))).toContain("sandbox-6633");

    // An import.
    const archive = zipSync({
      "manifest.json": strToU8(
        JSON.stringify({
          format: "molt-user-export",
          version: 1,
          userId: person.userId,
          exportedAt: 1,
          files: [],
          sessions: { included: false, note: "" },
          schedules: { included: false, note: "" },
        }),
      ),
      "workspace/MEMORY.md": strToU8("# Long-term memory\n- imported-7744\n"),
    });
    const imported = await person.call(`/api/users/${person.userId}/import`, {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body: archive,
    });
    expect(imported.status).toBe(200);
    await person.say("pw-6: next");
    const afterImport = systemOf(await firstRequestOf("pw-6"));
    expect(afterImport).toContain("imported-7744");
    expect(afterImport).not.toContain("tool-fact-5522");
  });
});
