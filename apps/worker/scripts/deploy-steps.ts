// The steps of `pnpm run deploy`, with the command runner injected so tests can play "Docker
// absent", "bucket missing" or "secrets missing" without an account.
import { z } from "zod";
import {
  findDeployedUrl,
  findMissingSecrets,
  parseBucketNames,
  type WranglerFacts,
} from "./deploy-plan.ts";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command; `stream` also shows its output as it comes (builds, the deploy). */
export type CommandRunner = (
  command: string,
  args: string[],
  options?: { stream?: boolean },
) => Promise<CommandResult>;

export interface DeployOptions {
  dryRun: boolean;
  facts: WranglerFacts;
  run: CommandRunner;
  print: (line: string) => void;
}

const PNPM = "npx -y pnpm@10.34.8";
const secretListSchema = z.array(z.object({ name: z.string() }));

/** A step that cannot go on; the message says what to do. */
class DeployStopped extends Error {}

/**
 * Build, Docker, R2 bucket, secrets, deploy, what is left. Idempotent: each step looks before
 * it acts. Returns the exit code: 0 when deployed (or, dry, when every step could be walked).
 */
export async function runDeploy(options: DeployOptions): Promise<number> {
  try {
    await deploySteps(options);
    return 0;
  } catch (error) {
    if (!(error instanceof DeployStopped)) throw error;
    options.print(`\nStopped: ${error.message}`);
    return 1;
  }
}

async function deploySteps({ dryRun, facts, run, print }: DeployOptions): Promise<void> {
  const step = (title: string) => print(`\n== ${title}`);
  const wrangler = (args: string[], stream = false) => run("wrangler", args, { stream });
  if (dryRun) print("Dry run: nothing on your account is created or changed.");

  step("Build (admin UI, sandbox runtime)");
  if ((await run("pnpm", ["run", "build"], { stream: true })).code !== 0) {
    throw new DeployStopped("the build failed; its output is above.");
  }

  step("Docker (builds the sandbox container image)");
  const docker = await run("docker", ["info", "--format", "{{.ServerVersion}}"]);
  if (docker.code === 0) print(`Docker ${docker.stdout.trim()} is running.`);
  else {
    const message =
      "Docker is not running (or not installed). The deploy builds the sandbox image from apps/sandbox/Dockerfile: start Docker Desktop or the docker service, then run this again.";
    if (!dryRun) throw new DeployStopped(message);
    print(`Missing: ${message}`);
  }

  step("Cloudflare account");
  const whoami = await wrangler(["whoami"]);
  const signedIn = whoami.code === 0 && !/not authenticated/i.test(whoami.stdout + whoami.stderr);
  if (signedIn) print("Signed in to Cloudflare.");
  else {
    const message = `Not signed in: run \`${PNPM} exec wrangler login\` (or set CLOUDFLARE_API_TOKEN).`;
    if (!dryRun) throw new DeployStopped(message);
    print(`Missing: ${message} The account steps below are described, not checked.`);
  }

  step(`R2 bucket ${facts.bucketName}`);
  if (!signedIn) print(`Would create ${facts.bucketName} if it does not exist.`);
  else {
    const list = await wrangler(["r2", "bucket", "list"]);
    if (list.code !== 0) {
      throw new DeployStopped(
        `could not list R2 buckets: enable R2 on the account (dashboard → R2) first.\n${list.stderr.trim()}`,
      );
    }
    if (parseBucketNames(list.stdout).includes(facts.bucketName)) print("Exists.");
    else if (dryRun) print(`Missing: would run \`wrangler r2 bucket create ${facts.bucketName}\`.`);
    else {
      const created = await wrangler(["r2", "bucket", "create", facts.bucketName], true);
      if (created.code !== 0) throw new DeployStopped(`could not create ${facts.bucketName}.`);
      print("Created.");
    }
  }

  step("Secrets");
  const setNames = new Set<string>();
  if (signedIn) {
    const listed = await wrangler(["secret", "list", "--format", "json"]);
    // A Worker that was never deployed has no secrets yet: the list then fails, which is fine.
    const parsed = secretListSchema.safeParse(safeJson(listed.stdout));
    for (const secret of parsed.success ? parsed.data : []) setNames.add(secret.name);
  }
  if (setNames.has("MODEL")) {
    print(
      `Conflict: MODEL is a secret and a var in wrangler.jsonc; the deploy fails on the duplicate binding. Keep the var: \`${PNPM} exec wrangler secret delete MODEL\`.`,
    );
  }
  const missing = findMissingSecrets(setNames, facts.vars);
  if (missing.length === 0) print("Every secret this configuration needs is set.");
  else {
    print(signedIn ? "Still missing:" : "To set (not checked without an account):");
    for (const secret of missing) {
      print(`  ${PNPM} exec wrangler secret put ${secret.name}   # ${secret.why}`);
    }
  }

  step(dryRun ? "Deploy (dry run: bundle only)" : "Deploy (containers roll out at once)");
  const args = dryRun
    ? ["deploy", "--dry-run", "--containers-rollout=none", "--outdir", ".wrangler/dry-run"]
    : ["deploy", "--containers-rollout=immediate"];
  const deployed = await wrangler(args, true);
  if (deployed.code !== 0) throw new DeployStopped("wrangler deploy failed; its output is above.");
  const url = (dryRun ? undefined : findDeployedUrl(deployed.stdout)) ?? "https://<your-worker>";

  step("What is left");
  for (const line of leftToDo(url, missing.length > 0)) print(line);
}

function leftToDo(url: string, secretsMissing: boolean): string[] {
  return [
    ...(secretsMissing ? ["- Set the missing secrets above (no redeploy needed)."] : []),
    `- Create the Access application for ${url}/api/* and ${url}/_admin/* (README, "Deploy"), and put its AUD in ACCESS_AUD.`,
    `- Telegram: TELEGRAM_BOT_TOKEN=... TELEGRAM_WEBHOOK_SECRET=... ${PNPM} setup:telegram ${url}`,
    `- Check everything: CF_ACCESS_CLIENT_ID=... CF_ACCESS_CLIENT_SECRET=... ${PNPM} run doctor ${url}`,
  ];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
