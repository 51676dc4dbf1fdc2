import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  findMissingSecrets,
  parseJsonc,
  readWranglerFacts,
} from "../../apps/worker/scripts/deploy-plan.ts";
import { type CommandResult, runDeploy } from "../../apps/worker/scripts/deploy-steps.ts";

const facts = readWranglerFacts(
  parseJsonc(readFileSync(new URL("../../wrangler.jsonc", import.meta.url), "utf8")),
);

interface World {
  docker?: boolean;
  signedIn?: boolean;
  buckets?: string[];
  secrets?: string[];
}

/** A stand-in for the machine and the account: answers the commands the deploy runs. */
function simulate(world: World) {
  const ran: string[] = [];
  const answer = (code: number, stdout = "", stderr = ""): CommandResult => ({
    code,
    stdout,
    stderr,
  });
  const run = async (command: string, args: string[]) => {
    const line = [command, ...args].join(" ");
    ran.push(line);
    if (command === "pnpm") return answer(0);
    if (command === "docker") {
      return world.docker
        ? answer(0, "27.3.1\n")
        : answer(1, "", "Cannot connect to the Docker daemon");
    }
    if (line === "wrangler whoami") {
      return world.signedIn
        ? answer(0, "You are logged in with an OAuth Token, associated with the email a@b.c.")
        : answer(0, "You are not authenticated. Please run `wrangler login`.");
    }
    if (line === "wrangler r2 bucket list") {
      const listing = (world.buckets ?? []).map(
        (name) => `name:           ${name}\ncreation_date:  2026-01-01\n`,
      );
      return answer(0, listing.join("\n"));
    }
    if (line.startsWith("wrangler r2 bucket create")) return answer(0, "Created bucket");
    if (line.startsWith("wrangler secret list")) {
      return answer(
        0,
        JSON.stringify((world.secrets ?? []).map((name) => ({ name, type: "secret_text" }))),
      );
    }
    if (line.startsWith("wrangler deploy")) {
      return answer(
        0,
        "Uploaded molt-agent\n  https://molt-agent.someone.workers.dev\nCurrent Version ID: 1",
      );
    }
    throw new Error(`unexpected command: ${line}`);
  };
  const lines: string[] = [];
  const deploy = (dryRun: boolean) =>
    runDeploy({ dryRun, facts, run, print: (line) => lines.push(line) });
  return { deploy, ran, output: () => lines.join("\n") };
}

const ALL_SECRETS = [
  "ACCESS_TEAM_DOMAIN",
  "ACCESS_AUD",
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
];

describe("pnpm run deploy", () => {
  it("reads the bucket and Worker name from wrangler.jsonc, comments and all", () => {
    expect(facts).toMatchObject({ workerName: "molt-agent", bucketName: "molt-workspaces" });
    expect(facts.vars).toHaveProperty("MODEL");
  });

  it("--dry-run walks every step without an account or Docker, and prints what is missing", async () => {
    const world = simulate({ docker: false, signedIn: false });
    expect(await world.deploy(true)).toBe(0);
    const output = world.output();
    expect(output).toContain("Docker is not running");
    expect(output).toContain("wrangler login");
    expect(output).toContain("Would create molt-workspaces");
    for (const name of ALL_SECRETS) {
      expect(output).toContain(`npx -y pnpm@10.34.8 exec wrangler secret put ${name}`);
    }
    expect(output).toContain("setup:telegram https://<your-worker>");
    expect(world.ran).toContain("pnpm run build");
    expect(world.ran).toContain(
      "wrangler deploy --dry-run --containers-rollout=none --outdir .wrangler/dry-run",
    );
    // Nothing that needs or changes an account ran.
    expect(world.ran.some((line) => /r2 bucket|secret list|rollout=immediate/.test(line))).toBe(
      false,
    );
  });

  it("stops before deploying when Docker is not running, saying so", async () => {
    const world = simulate({ docker: false, signedIn: true, buckets: ["molt-workspaces"] });
    expect(await world.deploy(false)).toBe(1);
    expect(world.output()).toMatch(/Stopped: Docker is not running .* start Docker/);
    expect(world.ran.some((line) => line.startsWith("wrangler deploy"))).toBe(false);
  });

  it("creates a missing bucket, lists missing secrets, deploys with immediate rollout", async () => {
    const world = simulate({
      docker: true,
      signedIn: true,
      buckets: ["other"],
      secrets: ["ACCESS_AUD"],
    });
    expect(await world.deploy(false)).toBe(0);
    expect(world.ran).toContain("wrangler r2 bucket create molt-workspaces");
    expect(world.ran).toContain("wrangler deploy --containers-rollout=immediate");
    const output = world.output();
    expect(output).toContain("exec wrangler secret put ACCESS_TEAM_DOMAIN");
    expect(output).not.toContain("exec wrangler secret put ACCESS_AUD");
    expect(output).toContain("setup:telegram https://molt-agent.someone.workers.dev");
    expect(output).toContain("run doctor https://molt-agent.someone.workers.dev");
  });

  it("is idempotent: a second run creates nothing and finds every secret", async () => {
    const world = simulate({
      docker: true,
      signedIn: true,
      buckets: ["molt-workspaces"],
      secrets: ALL_SECRETS,
    });
    expect(await world.deploy(false)).toBe(0);
    expect(world.ran.some((line) => line.includes("bucket create"))).toBe(false);
    expect(world.output()).toContain("Every secret this configuration needs is set.");
  });

  it("warns when MODEL is also a secret: the names collide", async () => {
    const world = simulate({
      docker: true,
      signedIn: true,
      buckets: ["molt-workspaces"],
      secrets: [...ALL_SECRETS, "MODEL"],
    });
    await world.deploy(true);
    expect(world.output()).toContain("wrangler secret delete MODEL");
  });
});

describe("the secrets a configuration needs", () => {
  it("asks for the key the model's provider needs, and both gateway ids", () => {
    const names = (vars: Record<string, string>, set: string[] = ALL_SECRETS) =>
      findMissingSecrets(new Set(set), vars).map((secret) => secret.name);
    expect(names({ MODEL: "openai/gpt-5-mini" })).toEqual(["OPENAI_API_KEY"]);
    expect(names({ MODEL: "anthropic/claude-x" }, [...ALL_SECRETS, "AI_GATEWAY_TOKEN"])).toEqual(
      [],
    );
    expect(names({ MODEL: "workers-ai/@cf/meta/llama" })).toEqual([]);
    expect(names({ MODEL: "" }, [...ALL_SECRETS, "AI_GATEWAY_ID"])).toEqual([
      "AI_GATEWAY_ACCOUNT_ID",
    ]);
    // Slack alone is a complete channel; Telegram is then not asked for.
    expect(
      names({}, ["ACCESS_TEAM_DOMAIN", "ACCESS_AUD", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]),
    ).toEqual([]);
  });
});
