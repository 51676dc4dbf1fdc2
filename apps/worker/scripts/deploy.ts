// `pnpm run deploy [--dry-run]`: build, check Docker, create the R2 bucket if missing, list the
// missing secrets, deploy with immediate container rollout, and say what is left.
// (`pnpm deploy` is pnpm's own command: use `pnpm run deploy`.)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseJsonc, readWranglerFacts } from "./deploy-plan.ts";
import { type CommandRunner, runDeploy } from "./deploy-steps.ts";

/** An account call that hangs (no network) must not hang the deploy. */
const COMMAND_TIMEOUT_MS = 15 * 60 * 1000;

const runCommand: CommandRunner = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ["inherit", "pipe", "pipe"],
      timeout: COMMAND_TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (options.stream) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      if (options.stream) process.stderr.write(chunk);
    });
    child.on("error", (error) => resolve({ code: 127, stdout, stderr: stderr + error.message }));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });

const facts = readWranglerFacts(parseJsonc(readFileSync("wrangler.jsonc", "utf8")));
const exitCode = await runDeploy({
  dryRun: process.argv.includes("--dry-run"),
  facts,
  run: runCommand,
  print: (line) => console.log(line),
});
process.exit(exitCode);
