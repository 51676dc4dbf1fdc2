// CPU time of this process and of wrangler's process group (Linux /proc), to see who is busy.

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const CLOCK_TICKS = clockTicksPerSecond();

export const BENCH_PROCESS_LABEL = "this process (client + fakes)";
export const WORKER_PROCESS_LABEL = "wrangler group: workerd (the Worker and its DOs)";

function clockTicksPerSecond() {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

export function cpuSnapshot(pgid) {
  const own = process.cpuUsage();
  return {
    bench: (own.user + own.system) / 1e6,
    group: pgid ? groupCpuSeconds(pgid) : new Map(),
  };
}

/** [label, seconds] per process between two snapshots, busiest first. */
export function cpuDelta(before, after) {
  const byName = new Map([[BENCH_PROCESS_LABEL, after.bench - before.bench]]);
  // Per pid, so a process that exits and is replaced (a reload) does not cancel out its successor.
  for (const [pid, { name, seconds }] of after.group) {
    const label = `wrangler group: ${name}`;
    const spent = seconds - (before.group.get(pid)?.seconds ?? 0);
    byName.set(label, (byName.get(label) ?? 0) + spent);
  }
  return [...byName].filter(([, seconds]) => seconds >= 0.005).sort((a, b) => b[1] - a[1]);
}

/** pid -> { name, seconds } for the processes of the group; empty off Linux. */
function groupCpuSeconds(pgid) {
  const byPid = new Map();
  let entries = [];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return byPid;
  }
  for (const pid of entries) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited between the listing and the read
    }
    // The name may hold spaces and parentheses; the fields after the last ")" are fixed.
    const close = stat.lastIndexOf(")");
    const name = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue; // field 5: process group
    const ticks = Number(fields[11]) + Number(fields[12]); // fields 14, 15: utime, stime
    byPid.set(pid, { name: describeProcess(pid, name), seconds: ticks / CLOCK_TICKS });
  }
  return byPid;
}

/** wrangler runs two workerd: its proxy on the port we chose, and the Worker on a random one. */
function describeProcess(pid, name) {
  if (name !== "workerd") return name;
  let commandLine = "";
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return name;
  }
  return commandLine.includes("--socket-addr=entry=127.0.0.1:0 ")
    ? "workerd (the Worker and its DOs)"
    : "workerd (wrangler's proxy)";
}
