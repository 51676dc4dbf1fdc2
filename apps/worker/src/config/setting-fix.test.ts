import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { settingFix, WRANGLER_VARS } from "./setting-fix";

/** The `vars` of wrangler.jsonc (its comments are whole lines). */
function wranglerVarNames(): string[] {
  const text = readFileSync(new URL("../../../../wrangler.jsonc", import.meta.url), "utf8");
  const config = JSON.parse(text.replace(/^\s*\/\/.*$/gm, "")) as { vars: Record<string, string> };
  return Object.keys(config.vars);
}

describe("settingFix", () => {
  it("knows exactly the settings wrangler.jsonc keeps as vars", () => {
    expect([...WRANGLER_VARS].sort()).toEqual(wranglerVarNames().sort());
  });

  it("says a var goes in wrangler.jsonc and a secret through wrangler secret put, deployed", () => {
    const fix = settingFix(["SANDBOX_SLEEP_AFTER", "OPENAI_API_KEY"], "deployed");
    expect(fix.lines).toEqual([
      "npx -y pnpm@10.34.8 exec wrangler secret put OPENAI_API_KEY",
      '"SANDBOX_SLEEP_AFTER": "…"',
    ]);
    expect(fix.hint).toContain("wrangler.jsonc");
  });

  it("says a .dev.vars line locally, whatever the kind of setting", () => {
    expect(settingFix(["MODEL", "OPENAI_API_KEY"], "local").lines).toEqual([
      "MODEL=",
      "OPENAI_API_KEY=",
    ]);
  });
});
