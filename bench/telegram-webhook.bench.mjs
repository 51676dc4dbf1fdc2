// Telegram webhook benchmark: `pnpm bench` (Node 22; it imports the TypeScript fakes).
//
// Starts the fakes and `wrangler dev --local`, posts private text updates the way Telegram would,
// and waits until each one is answered through the fake Telegram. Two phases on the same Worker:
// paced (a fixed arrival rate: what one webhook costs) and saturation (a fixed number in flight:
// throughput). It prints ack latency and the time the Worker adds to each answer beyond the
// model's own. Method, knobs and results: docs/performance.md.

import { phaseProblems } from "./lib/phase-problems.mjs";
import { referenceRoundTrips } from "./lib/reference-round-trips.mjs";
import { printHeader, printPhase, printReference, printVerdict } from "./lib/report.mjs";
import { runPhase } from "./lib/run-phase.mjs";
import { readSettings } from "./lib/settings.mjs";
import { startLocalStack, stopLocalStack } from "./lib/start-local-stack.mjs";
import { warmUp } from "./lib/warm-up.mjs";

async function main() {
  const settings = readSettings();
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 22 || (major === 22 && minor < 18)) {
    throw new Error(
      `Node ${process.version} cannot import the TypeScript fakes; run \`pnpm bench\` (Node 22 from node_modules/.bin).`,
    );
  }
  const stack = await startLocalStack(settings, { inspector: Boolean(settings.cpuProfileFile) });
  await warmUp(stack, settings);
  const reference = await referenceRoundTrips(stack, settings);
  const runs = [];
  let problems = [];
  for (const name of settings.phases) {
    const run = await runPhase(name, stack, settings);
    runs.push(run);
    problems = phaseProblems(run, settings);
    // A phase with failed webhooks or missing replies voids the run; later phases would only wait.
    if (problems.length > 0) break;
  }

  printHeader(settings);
  printReference(reference);
  for (const run of runs) printPhase(run);
  printVerdict(runs);
  if (problems.length === 0) return 0;
  console.error("\nFAILED:");
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error(`--- wrangler output (last lines) ---\n${stack.output.text(60)}`);
  return 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`\nFAILED: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await stopLocalStack();
}
process.exit(exitCode);
