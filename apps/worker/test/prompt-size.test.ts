import { beforeAll, describe, expect, it } from "vitest";
import { fakeTelegram, resetFakes } from "./support/fakes";
import { measureTurn, totalOf } from "./support/prompt-tokens";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { requireChromium, webUrl } from "./support/web-tools";
import { postTelegramUpdate } from "./support/worker-api";

/** System text and tool schemas of a plain private turn, estimated as `estimateTokens` does. */
const PLAIN_TURN_BUDGET_TOKENS = 1_500;

const CORE = [
  "current_time",
  "remember",
  "search_memory",
  "forget",
  "set_timezone",
  "set_reminder",
  "list_reminders",
  "cancel_reminder",
  "use_tools",
];

beforeAll(resetFakes);

describe("prompt size with tools offered by need", () => {
  it("keeps a plain private turn within the budget: the core tools only", async () => {
    const turn = await measureTurn("pz-plain: hello", []);
    const [request] = turn.requests;
    expect(request?.tools).toEqual(CORE);
    expect(totalOf(request ?? { systemTokens: 0, toolTokens: 0, tools: [] })).toBeLessThanOrEqual(
      PLAIN_TURN_BUDGET_TOKENS,
    );
  });

  it("offers the shell from the step after use_tools, and for the rest of the session", async () => {
    const person = newAllowedPersonId();
    const shell = await measureTurn(
      "pz-shell: what is in my workspace?",
      [
        { toolCalls: [{ name: "use_tools", arguments: { toolsets: ["computer"] } }] },
        { toolCalls: [{ name: "shell", arguments: { command: "echo pz-shell-ran" } }] },
        { text: "Your workspace has the usual files." },
      ],
      person,
    );
    expect(shell.requests.map((r) => r.tools.includes("shell"))).toEqual([false, true, true]);
    expect(shell.answer).toBe("Your workspace has the usual files.");

    // The next turn of the session keeps the computer's tools: no second use_tools.
    const next = await measureTurn("pz-shell-2: and now?", [], person, 2);
    expect(next.requests[0]?.tools).toContain("shell");

    // A new session starts from the core again.
    await postTelegramUpdate(privateTextUpdate(person, "/new"));
    await fakeTelegram.waitForMessages(person, 3);
    const fresh = await measureTurn("pz-shell-3: hi again", [], person, 4);
    expect(fresh.requests[0]?.tools).toEqual(CORE);
  });

  it("runs a tool the model calls without asking, and offers its toolset from then on", async () => {
    const turn = await measureTurn("pz-direct: list my files", [
      { toolCalls: [{ name: "list_files", arguments: {} }] },
      { text: "Listed." },
    ]);
    expect(turn.requests.map((r) => r.tools.includes("list_files"))).toEqual([false, true]);
    expect(turn.answer).toBe("Listed.");
  });

  it("offers the browser after use_tools, and the web tools at once for a web address", async () => {
    requireChromium();
    const url = webUrl("/js-rendered");
    const turn = await measureTurn(`pz-browser: open ${url} in the browser`, [
      { toolCalls: [{ name: "use_tools", arguments: { toolsets: ["browser"] } }] },
      { toolCalls: [{ name: "browser_open", arguments: { url } }] },
      { text: "Opened." },
    ]);
    const [first, second] = turn.requests;
    expect(first?.tools).toContain("web_fetch");
    expect(first?.tools).not.toContain("browser_open");
    expect(second?.tools).toContain("browser_open");
    expect(turn.answer).toBe("Opened.");
  });
});
