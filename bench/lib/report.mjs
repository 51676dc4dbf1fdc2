// The printed report: what was run, each phase's numbers, and the verdict against the targets.
// docs/performance.md explains how each number is computed.

import os from "node:os";
import { WORKER_PROCESS_LABEL } from "./process-cpu.mjs";
import { codeVersion, machineLine, wranglerVersion } from "./run-context.mjs";
import { TARGETS } from "./settings.mjs";
import { fmt, summarize } from "./stats.mjs";

export function printHeader(settings) {
  const { users, messagesPerUser, warmupUpdates, modelLatencyMs } = settings;
  console.log("");
  console.log("Telegram webhook benchmark (method: docs/performance.md)");
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(`machine:  ${machineLine()}`);
  console.log(
    `stack:    wrangler ${wranglerVersion()} dev --local; fakes in this process, 0 ms latency`,
  );
  console.log(`code:     ${codeVersion()}`);
  console.log(
    `updates:  ${users} users × ${messagesPerUser} private text messages = ${users * messagesPerUser} per phase, ${warmupUpdates} warm-up updates before (not measured)`,
  );
  if (modelLatencyMs > 0) {
    console.log(`          the fake model waits ${modelLatencyMs} ms per answer (diagnostic)`);
  }
}

export function printReference(rows) {
  if (rows.length === 0) return;
  console.log("");
  console.log("Reference round trips (not part of the targets), ms:");
  console.log(table(rows.map((row) => [row.label, row.stats])));
  for (const row of rows) {
    if (row.failures > 0) console.log(`  ${row.label}: ${row.failures} not 200`);
  }
}

export function printPhase(run) {
  const wallSeconds = run.wallMs / 1000;
  const ackSeconds = run.ackPhaseMs / 1000;
  console.log("");
  console.log(`== ${run.name} phase: ${run.messages.length} updates, ${run.load} ==`);
  console.log(`load avg before: ${run.loadBefore.map((value) => value.toFixed(2)).join(" ")}`);
  if (run.reloads.length > 0) {
    console.log(
      `WARNING: wrangler reloaded the Worker ${run.reloads.length} times during the phase (source files changed); these numbers are disturbed`,
    );
  }
  if (run.name === "paced") printSchedule(run);
  console.log("times in ms");
  console.log(
    table([
      ["ack latency", run.stats.ack],
      ["reply overhead", run.stats.overhead],
      ["  (model time, subtracted)", run.stats.model],
      ["turn start -> sendChatAction", run.stats.phases.queue],
      ["sendChatAction -> model request", run.stats.phases.prepare],
      ["model answered -> sendMessage", run.stats.phases.deliver],
    ]),
  );
  console.log(
    `wall time:  ${fmt(wallSeconds, 2)} s, first webhook sent -> last reply at the fake Telegram`,
  );
  console.log(
    `throughput: ${fmt(run.replies.size / wallSeconds, 1)} answered messages/s; acks alone ${fmt(run.acks.length / ackSeconds, 1)}/s (all ${run.acks.length} acked in ${fmt(ackSeconds, 2)} s)`,
  );
  printCpu(run.cpu, wallSeconds, run.replies.size);
  printR2(run.r2);
  run.printProfile?.();
}

/** Whether the load really was open: sends on time, none held back by a slow ack. */
function printSchedule(run) {
  const lag = summarize(run.acks.map((ack) => ack.lagMs));
  const held = run.acks.filter((ack) => ack.heldBack).length;
  console.log(
    `sent behind schedule: p50 ${fmt(lag.p50)} / p99 ${fmt(lag.p99)} / max ${fmt(lag.max)} ms; ${held} held for the same user's previous ack`,
  );
}

function printCpu(cpu, wallSeconds, answered) {
  if (cpu.length === 0) return;
  const cores = os.cpus().length;
  const total = cpu.reduce((sum, [, seconds]) => sum + seconds, 0);
  console.log(
    `CPU (${fmt(wallSeconds, 2)} s wall × ${cores} cores = ${fmt(wallSeconds * cores, 2)} core-s available):`,
  );
  for (const [name, seconds] of cpu) {
    console.log(`  ${name.padEnd(48)} ${fmt(seconds, 2).padStart(7)} s`);
  }
  console.log(`  ${"total".padEnd(48)} ${fmt(total, 2).padStart(7)} s`);
  const worker = cpu.find(([name]) => name === WORKER_PROCESS_LABEL)?.[1];
  if (worker !== undefined && answered > 0) {
    console.log(
      `  = ${fmt((1000 * worker) / answered, 1)} ms of the Worker's CPU per answered message`,
    );
  }
}

function printR2(r2) {
  if (!r2 || r2.turns === 0) {
    console.log("R2 operations per plain turn: no `turn` logs with r2Ops in wrangler's output");
    return;
  }
  console.log(
    `R2 operations per plain turn: ${fmt(r2.total / r2.turns, 2)} on average, max ${r2.max}; ${r2.zero} of ${r2.turns} turns made none (every person's first turn was in the warm-up)`,
  );
}

export function printVerdict(runs) {
  if (runs.length === 0) return;
  console.log("");
  console.log(
    `Targets: ack p99 < ${TARGETS.ackP99Ms} ms, reply overhead p50 < ${TARGETS.overheadP50Ms} ms`,
  );
  const verdict = (value, target) => `${value < target ? "met" : "MISSED"} (${fmt(value)} ms)`;
  for (const run of runs) {
    const label = `${run.name} (${run.load}):`.padEnd(28);
    console.log(
      `  ${label} ack p99 ${verdict(run.stats.ack.p99, TARGETS.ackP99Ms)}, overhead p50 ${verdict(run.stats.overhead.p50, TARGETS.overheadP50Ms)}`,
    );
  }
}

function table(rows) {
  const header = ["", "count", "p50", "p90", "p99", "max"];
  const body = rows.map(([label, stats]) => [
    label,
    String(stats.count),
    ...[stats.p50, stats.p90, stats.p99, stats.max].map((value) => fmt(value)),
  ]);
  const all = [header, ...body];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const cell = (text, column) =>
    column === 0 ? text.padEnd(widths[0]) : text.padStart(widths[column]);
  return all.map((row) => row.map(cell).join("  ")).join("\n");
}
