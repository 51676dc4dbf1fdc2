// The block the dev command prints once the stack answers: where things are, what runs, and what
// is not set up yet, read from the Worker's own configuration checks.
import { z } from "zod";

export const PNPM_COMMAND = "npx -y pnpm@10.34.8";
const DEV_MODEL_LABEL = "dev/offline";
const DEFAULT_BASE_URL = "http://localhost:8787";
const CONFIG_TIMEOUT_MS = 5_000;

const configAnswerSchema = z.object({
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
});
export type StackCheck = z.infer<typeof configAnswerSchema>["checks"][number];

export interface DevSummaryInput {
  baseUrl: string;
  sandboxHostUrl: string;
  sandboxRoot: string;
  /** How the local sandbox host confines commands, as it reported at start. */
  confinement: string;
  /** The browser's CDP URL, or why there is none. */
  browser: { cdpUrl: string } | { off: string };
  /** The Worker's configuration checks; undefined when they could not be read. */
  checks: StackCheck[] | undefined;
}

/** GET /api/config of the local stack (open on localhost in DEV_MODE). */
export async function readStackChecks(baseUrl: string): Promise<StackCheck[] | undefined> {
  try {
    const response = await fetch(`${baseUrl}/api/config`, {
      signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS),
    });
    if (!response.ok) return undefined;
    return configAnswerSchema.parse(await response.json()).checks;
  } catch {
    return undefined;
  }
}

function describeModel(checks: StackCheck[] | undefined): string {
  const model = checks?.find((check) => check.name === "model");
  if (!model) return "unknown (see the dashboard)";
  if (!model.ok) return `not usable: ${model.detail}`;
  if (model.detail === DEV_MODEL_LABEL) {
    return 'offline dev model, no key needed (type "help" in the chat)';
  }
  return model.detail;
}

function chatCommand(baseUrl: string): string {
  return baseUrl === DEFAULT_BASE_URL
    ? `${PNPM_COMMAND} chat`
    : `${PNPM_COMMAND} chat --url ${baseUrl}`;
}

export function formatDevSummary(input: DevSummaryInput): string {
  const notSetUp = (input.checks ?? []).filter((check) => !check.ok).map((check) => check.name);
  const rows: Array<[string, string]> = [
    ["Admin UI", `${input.baseUrl}/_admin/`],
    ["Terminal chat", `${chatCommand(input.baseUrl)}   (in another terminal)`],
    ["Model", describeModel(input.checks)],
    [
      "Computers",
      `local sandbox host ${input.sandboxHostUrl}, workspaces in ${input.sandboxRoot}/`,
    ],
    ["Confinement", input.confinement],
    [
      "Browser",
      "cdpUrl" in input.browser
        ? `headless Chromium ${input.browser.cdpUrl}`
        : `off: ${input.browser.off}`,
    ],
    ["Not set up", notSetUp.length ? `${notSetUp.join(", ")} (the dashboard says how)` : "nothing"],
    ["Stop", "Ctrl-C"],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`);
  const rule = `  ${"─".repeat(Math.max(...lines.map((line) => line.length)) - 2)}`;
  return ["", "  molt-agent is ready", rule, ...lines, rule, ""].join("\n");
}
