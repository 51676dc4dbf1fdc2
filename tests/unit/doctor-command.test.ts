import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDoctorCommand } from "../../apps/worker/scripts/doctor-client.ts";
import { type DoctorReport, doctorReportSchema } from "../../packages/contracts/src/index.ts";

/** A stand-in Worker on 127.0.0.1: answers `POST /api/doctor` with whatever the test set. */
let answer: { status: number; body?: unknown; headers?: Record<string, string> };
let seen: IncomingHttpHeaders | undefined;
let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    seen = req.headers;
    if (req.method !== "POST" || req.url !== "/api/doctor") return res.writeHead(404).end();
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const report = (checks: DoctorReport["checks"]): DoctorReport =>
  doctorReportSchema.parse({
    ok: checks.every((check) => check.status !== "failed"),
    where: "deployed",
    ranAt: 0,
    checks,
  });

async function run(env: Record<string, string> = {}) {
  const lines: string[] = [];
  const code = await runDoctorCommand({ url, env, print: (line) => lines.push(line) });
  return { code, output: lines.join("\n") };
}

describe("pnpm run doctor", () => {
  it("prints each check with its time and exits 0 when none failed", async () => {
    answer = {
      status: 200,
      body: report([
        { name: "r2", status: "ok", durationMs: 42, detail: "Wrote, read, listed, deleted." },
        { name: "slack", status: "skipped", durationMs: 0, detail: "Slack is not configured." },
      ]),
    };
    const { code, output } = await run({
      CF_ACCESS_CLIENT_ID: "id.access",
      CF_ACCESS_CLIENT_SECRET: "shh",
    });
    expect(code).toBe(0);
    expect(output).toMatch(/ok {3}r2 +42 ms {2}Wrote, read, listed, deleted\./);
    expect(output).toMatch(/skip slack/);
    expect(output).toContain("All checks passed");
    // The service token goes to Access in its two headers.
    expect(seen?.["cf-access-client-id"]).toBe("id.access");
    expect(seen?.["cf-access-client-secret"]).toBe("shh");
  });

  it("prints the fix of a failed check and exits 1", async () => {
    answer = {
      status: 200,
      body: report([
        {
          name: "model",
          status: "failed",
          durationMs: 1200,
          detail: "The model needs OPENAI_API_KEY.",
          fix: "Run `npx -y pnpm@10.34.8 exec wrangler secret put OPENAI_API_KEY`.",
        },
      ]),
    };
    const { code, output } = await run();
    expect(code).toBe(1);
    expect(output).toContain("FAIL model");
    expect(output).toContain(
      "fix: Run `npx -y pnpm@10.34.8 exec wrangler secret put OPENAI_API_KEY`",
    );
    expect(output).toContain("1 check(s) failed");
  });

  it("explains an Access login redirect: a service token is needed", async () => {
    answer = { status: 302, headers: { location: "https://team.cloudflareaccess.com/login" } };
    const { code, output } = await run();
    expect(code).toBe(2);
    expect(output).toContain("CF_ACCESS_CLIENT_ID");
  });

  it("says when nothing answers", async () => {
    const lines: string[] = [];
    const code = await runDoctorCommand({
      url: "http://127.0.0.1:9",
      env: {},
      print: (line) => lines.push(line),
    });
    expect(code).toBe(2);
    expect(lines.join("\n")).toContain("Could not reach");
  });
});
