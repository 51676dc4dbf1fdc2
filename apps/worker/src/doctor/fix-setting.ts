import type { DoctorWhere } from "./doctor-check";

/** Settings kept in `wrangler.jsonc` vars when deployed; everything else is a secret. */
const VAR_SETTINGS = new Set(["MODEL", "SANDBOX_SLEEP_AFTER", "DEV_MODE", "BROWSER_CDP_URL"]);

/**
 * How to set a setting where the stack runs: locally a `.dev.vars` line and a restart of
 * `pnpm dev`; deployed a `wrangler secret put` (or, for a var, `wrangler.jsonc` and a deploy).
 */
export function describeSettingFix(where: DoctorWhere, names: string[], example?: string): string {
  const value = example ?? "...";
  if (where === "local") {
    const lines = names.map((name) => `\`${name}=${value}\``).join(", ");
    return `Add ${lines} to .dev.vars and restart \`npx -y pnpm@10.34.8 dev\`.`;
  }
  const vars = names.filter((name) => VAR_SETTINGS.has(name));
  const secrets = names.filter((name) => !VAR_SETTINGS.has(name));
  const steps = [
    ...secrets.map((name) => `\`npx -y pnpm@10.34.8 exec wrangler secret put ${name}\``),
    ...(vars.length
      ? [
          `set ${vars.map((name) => `\`${name}\``).join(", ")} under "vars" in wrangler.jsonc and run \`npx -y pnpm@10.34.8 run deploy\``,
        ]
      : []),
  ];
  return `Run ${steps.join(", then ")}.`;
}
