import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { readWorkerConfig } from "../../apps/worker/src/config/worker-config.ts";

/**
 * The parser the Sandbox SDK runs on `sleepAfter`: `parseTimeExpression` of
 * `@cloudflare/containers` (the SDK's `renewActivityTimeout` calls it), loaded from the copy the
 * pinned `@cloudflare/sandbox` resolves. It is not exported by the package, so it is imported
 * from its file.
 */
async function sdkParser(): Promise<(value: string | number) => number> {
  const fromWorker = createRequire(new URL("../../apps/worker/package.json", import.meta.url));
  const sandboxEntry = fromWorker.resolve("@cloudflare/sandbox");
  const containersEntry = createRequire(sandboxEntry).resolve("@cloudflare/containers");
  const helpers = pathToFileURL(path.join(path.dirname(containersEntry), "lib", "helpers.js"));
  const module = (await import(helpers.href)) as {
    parseTimeExpression: (value: string | number) => number;
  };
  return module.parseTimeExpression;
}

function sdkSeconds(parse: (value: string | number) => number, value: string): number | null {
  try {
    return parse(value);
  } catch {
    return null;
  }
}

/** What people may type; each is checked against the SDK's own answer. */
const CANDIDATES = [
  "10m",
  "600s",
  "1h",
  "0s",
  "45s",
  "24h",
  "010m",
  "600",
  "90",
  "10M",
  "10 m",
  "1.5h",
  "10min",
  "10mins",
  "-5m",
  "+5m",
  "1d",
  "m",
  "10ms",
  "1e3",
  "0x10s",
  "10m30s",
];

function parseSetting(value: string) {
  const config = readWorkerConfig({ SANDBOX_SLEEP_AFTER: value });
  return {
    value: config.values.SANDBOX_SLEEP_AFTER,
    problem: config.problems.find((problem) => problem.name === "SANDBOX_SLEEP_AFTER"),
  };
}

describe("SANDBOX_SLEEP_AFTER", () => {
  it("accepts exactly what the SDK accepts, and passes it on in a form the SDK parses", async () => {
    const parse = await sdkParser();
    for (const candidate of CANDIDATES) {
      const ours = parseSetting(candidate);
      const bareSeconds = /^\d+$/.test(candidate) ? Number(candidate) : null;
      const expected = bareSeconds ?? sdkSeconds(parse, candidate);
      if (expected === null) {
        expect(ours.problem, `${candidate} should be refused`).toBeDefined();
        expect(ours.value, `${candidate} must never reach the Sandbox`).toBeUndefined();
      } else {
        expect(ours.problem, `${candidate} should be accepted`).toBeUndefined();
        expect(typeof ours.value).toBe("string");
        expect(sdkSeconds(parse, ours.value as string), `${candidate} as passed on`).toBe(expected);
      }
    }
  });

  it("turns bare digits into seconds", () => {
    expect(parseSetting("600").value).toBe("600s");
    expect(parseSetting(" 10m ").value).toBe("10m");
  });

  it("leaves an empty value unset, so the default applies", () => {
    expect(parseSetting("")).toEqual({ value: undefined, problem: undefined });
  });

  it("names the setting and the accepted forms when it refuses a value", () => {
    const { problem } = parseSetting("10 minutes");
    expect(problem?.name).toBe("SANDBOX_SLEEP_AFTER");
    expect(problem?.message).toMatch(/10m/);
    expect(problem?.message).toMatch(/600s/);
  });
});
