// The `pnpm run doctor` client: kept free of workspace imports so Node runs it as it is.
import { z } from "zod";

/** Longer than the slowest check's own limit (a cold container start), so checks time out first. */
export const DOCTOR_REQUEST_TIMEOUT_MS = 180_000;

/** The part of `doctorReportSchema` (packages/contracts) this client prints. */
export const printedReportSchema = z.object({
  ok: z.boolean(),
  where: z.enum(["local", "deployed"]),
  checks: z.array(
    z.object({
      name: z.string(),
      status: z.enum(["ok", "failed", "skipped"]),
      durationMs: z.number(),
      detail: z.string(),
      fix: z.string().optional(),
    }),
  ),
});
export type PrintedReport = z.infer<typeof printedReportSchema>;

export interface DoctorCommandOptions {
  /** The Worker's address, e.g. `https://molt-agent.example.workers.dev`. */
  url: string;
  /** `CF_ACCESS_CLIENT_ID` and `CF_ACCESS_CLIENT_SECRET`: an Access service token. */
  env: Record<string, string | undefined>;
  print: (line: string) => void;
  fetch?: typeof fetch;
}

const MARKS = { ok: "ok  ", failed: "FAIL", skipped: "skip" } as const;

export function formatReport(report: PrintedReport): string[] {
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = report.checks.flatMap((check) => {
    const time = `${Math.round(check.durationMs)} ms`.padStart(8);
    const line = `${MARKS[check.status]} ${check.name.padEnd(width)} ${time}  ${check.detail}`;
    return check.fix ? [line, `     fix: ${check.fix}`] : [line];
  });
  const failed = report.checks.filter((check) => check.status === "failed").length;
  lines.push(
    "",
    failed === 0
      ? `All checks passed (${report.where}).`
      : `${failed} check(s) failed (${report.where}).`,
  );
  return lines;
}

/** Calls `POST /api/doctor`, prints each check; the exit code is 0 only if none failed. */
export async function runDoctorCommand(options: DoctorCommandOptions): Promise<number> {
  const { print } = options;
  const fetchFn = options.fetch ?? fetch;
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    print("Usage: pnpm run doctor <worker url>, e.g. pnpm run doctor http://localhost:8787");
    return 2;
  }
  const headers: Record<string, string> = {};
  const clientId = options.env.CF_ACCESS_CLIENT_ID;
  const clientSecret = options.env.CF_ACCESS_CLIENT_SECRET;
  if (clientId && clientSecret) {
    headers["CF-Access-Client-Id"] = clientId;
    headers["CF-Access-Client-Secret"] = clientSecret;
  }
  const target = new URL("/api/doctor", base);
  let response: Response;
  try {
    response = await fetchFn(target, {
      method: "POST",
      headers,
      // Access answers a request without a valid token with a redirect to its login page.
      redirect: "manual",
      signal: AbortSignal.timeout(DOCTOR_REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    print(`Could not reach ${target}: ${error instanceof Error ? error.message : String(error)}`);
    print("Is the Worker running there? Locally: npx -y pnpm@10.34.8 dev");
    return 2;
  }
  if (
    (response.status >= 300 && response.status < 400) ||
    response.status === 401 ||
    response.status === 403
  ) {
    print(`Access refused the request (HTTP ${response.status}).`);
    print(
      clientId
        ? "Check that the service token is allowed by a Service Auth policy of the Access application, and that it has not expired."
        : 'Set CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET to an Access service token (README, "Deploy").',
    );
    return 2;
  }
  const body: unknown = await response.json().catch(() => undefined);
  const report = printedReportSchema.safeParse(body);
  if (!response.ok || !report.success) {
    const message = z.object({ error: z.object({ message: z.string() }) }).safeParse(body);
    print(
      `${target} answered HTTP ${response.status}${message.success ? `: ${message.data.error.message}` : ""}`,
    );
    return 2;
  }
  for (const line of formatReport(report.data)) print(line);
  return report.data.ok ? 0 : 1;
}
