// One measured phase: fresh fake records, the load, every reply awaited, then the numbers.
// Both phases use the same wrangler; the markers differ, so their records cannot mix.

import { writeFileSync } from "node:fs";
import os from "node:os";
import { connectProfiler } from "./cpu-profile.mjs";
import { analyzeReplies, waitForReplies } from "./measure-replies.mjs";
import { cpuDelta, cpuSnapshot } from "./process-cpu.mjs";
import { printProfile } from "./profile-summary.mjs";
import { pacedLoad, saturatedLoad } from "./telegram-load.mjs";
import { buildMessages } from "./telegram-updates.mjs";
import { turnR2Operations } from "./turn-r2-operations.mjs";

export async function runPhase(name, stack, settings) {
  const { fakes, client, output, wranglerPid } = stack;
  fakes.telegram.reset();
  fakes.openai.reset();
  fakes.openai.setLatency(settings.modelLatencyMs);
  const messages = buildMessages(settings, name === "paced" ? "p" : "s");
  console.log(
    `${name} phase: posting ${messages.length} updates, ${describeLoad(name, settings)}...`,
  );
  // Saturation only: with the thread never idle the profile's busy time matched its CPU time; on
  // the paced phase's mostly idle thread it counted far more busy time than CPU was spent.
  const profiler =
    name === "saturation" && settings.cpuProfileFile
      ? await connectProfiler(stack.inspectorPort)
      : undefined;
  await profiler?.start();

  const loadBefore = os.loadavg();
  const cpuBefore = cpuSnapshot(wranglerPid);
  const outputMark = output.mark();
  const load =
    name === "paced"
      ? await pacedLoad(client, messages, settings.ratePerSecond)
      : await saturatedLoad(client, messages, settings.concurrency);
  const markers = messages.map((message) => message.marker);
  const { replies, missing } = await waitForReplies(fakes, markers, settings.replyTimeoutMs);
  const cpu = cpuDelta(cpuBefore, cpuSnapshot(wranglerPid));
  const reloads = output.reloadsSince(outputMark);
  const inboxIds = new Set(messages.map(({ update }) => `telegram:update:${update.update_id}`));
  const r2 = turnR2Operations(output.since(outputMark), inboxIds);
  const profile = await profiler?.stop();

  const lastReplyAt = Math.max(...[...replies.values()].map((call) => call.at));
  const run = {
    name,
    load: describeLoad(name, settings),
    messages,
    ...load,
    replies,
    missing,
    wallMs: (replies.size > 0 ? lastReplyAt : Date.now()) - load.startedAt,
    loadBefore,
    cpu,
    reloads,
    r2,
  };
  run.stats = analyzeReplies(run, fakes, settings.modelLatencyMs);
  if (profile) {
    writeFileSync(settings.cpuProfileFile, JSON.stringify(profile.profile));
    run.printProfile = () => printProfile(profile, settings.cpuProfileFile, messages.length);
  }
  return run;
}

function describeLoad(name, settings) {
  return name === "paced"
    ? `${settings.ratePerSecond}/s offered`
    : `${settings.concurrency} in flight`;
}
