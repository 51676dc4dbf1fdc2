// Prompt tokens (system text + tool schemas) of the model requests of three kinds of turn, sent
// through the Worker to the fake model as in the tests and counted as the prompt-size test counts
// them (`estimateTokens`, four characters a token). Prints a table; asserts nothing.
import { it } from "vitest";
import { resetFakes } from "../apps/worker/test/support/fakes";
import {
  type MeasuredTurn,
  measureTurn,
  type RequestPrompt,
  totalOf,
} from "../apps/worker/test/support/prompt-tokens";
import { newAllowedPersonId } from "../apps/worker/test/support/telegram-updates";
import { requireChromium, webUrl } from "../apps/worker/test/support/web-tools";

function describeRequest(prompt: RequestPrompt): string {
  return `${totalOf(prompt)} (system ${prompt.systemTokens} + tools ${prompt.toolTokens}, ${prompt.tools.length} tools)`;
}

const lines: string[] = [];

function report(label: string, turn: MeasuredTurn): void {
  const total = turn.requests.reduce((sum, request) => sum + totalOf(request), 0);
  lines.push(`${label}: ${turn.requests.length} model requests, ${total} tokens in all`);
  turn.requests.forEach((request, index) => {
    lines.push(`  request ${index + 1}: ${describeRequest(request)}`);
  });
}

it("measures the prompt of a plain turn, a shell turn and a browser turn", async () => {
  await resetFakes();
  report("plain private turn", await measureTurn("bench-plain: hello, how are you?", []));

  report(
    "shell turn (use_tools, then shell)",
    await measureTurn("bench-shell: what is in my workspace?", [
      { toolCalls: [{ name: "use_tools", arguments: { toolsets: ["computer"] } }] },
      { toolCalls: [{ name: "shell", arguments: { command: "ls -la" } }] },
      { text: "Your workspace holds the usual files." },
    ]),
  );

  report(
    "shell turn (shell called directly)",
    await measureTurn("bench-shell-direct: what is in my workspace?", [
      { toolCalls: [{ name: "shell", arguments: { command: "ls -la" } }] },
      { text: "Your workspace holds the usual files." },
    ]),
  );

  requireChromium();
  const url = webUrl("/js-rendered");
  report(
    "browser turn (a web address, use_tools, then browser_open)",
    await measureTurn(`bench-browser: open ${url} in the browser`, [
      { toolCalls: [{ name: "use_tools", arguments: { toolsets: ["browser"] } }] },
      { toolCalls: [{ name: "browser_open", arguments: { url } }] },
      { text: "The page is open." },
    ]),
  );

  // For comparison: the same person's next plain turn once every toolset is on, which is what
  // every turn cost when all tools were offered.
  const person = newAllowedPersonId();
  await measureTurn(
    "bench-all-on: turn everything on",
    [
      {
        toolCalls: [
          { name: "use_tools", arguments: { toolsets: ["web", "browser", "computer", "skills"] } },
        ],
      },
      { text: "Everything is on." },
    ],
    person,
  );
  report(
    "plain turn with every toolset on (all tools offered)",
    await measureTurn("bench-all-on-2: hello again", [], person, 2),
  );
  // One block at the end, after the Worker's own log lines.
  console.log(`\nPrompt tokens (system + tools) per model request:\n${lines.join("\n")}`);
});
