import type { CostLine, DayCostEstimate } from "@molt/contracts";
import {
  BASIC_INSTANCE,
  CONTAINER_USD_PER_DISK_GB_SECOND,
  CONTAINER_USD_PER_GIB_SECOND,
  CONTAINER_USD_PER_VCPU_SECOND,
  DO_BILLED_MEMORY_GB,
  DO_USD_PER_MILLION_GB_SECONDS,
  DO_USD_PER_MILLION_REQUESTS,
  PRICES_AS_OF,
  R2_USD_PER_MILLION_CLASS_A,
  R2_USD_PER_MILLION_CLASS_B,
  WORKERS_USD_PER_MILLION_CPU_MS,
  WORKERS_USD_PER_MILLION_REQUESTS,
} from "./cloudflare-prices";

/**
 * What one turn costs in platform units, counted from the code path of a message
 * (docs/cost.md explains each): the webhook request, the Directory and UserAgent calls and
 * alarms, the workspace files read for the prompt.
 */
export const PER_TURN = {
  workerRequests: 1,
  workerCpuMs: 10,
  doRequests: 6,
  /** The UserAgent is active while the model answers: about this long per turn. */
  doActiveSeconds: 8,
  r2ClassA: 2,
  r2ClassB: 8,
} as const;

/** The computer's CPU is billed on use; a tool call mostly waits on I/O. */
export const CONTAINER_CPU_UTILIZATION = 0.1;

export interface DayUsage {
  day: string;
  turns: number;
  /** Seconds the person's container was awake today, sleep timeout included; 0 if it never ran. */
  containerAwakeSeconds: number;
}

const perMillion = (count: number, usd: number) => (count / 1_000_000) * usd;

/** Today's platform cost of one person at list price; model tokens are not included. */
export function estimateDayCost(usage: DayUsage): DayCostEstimate {
  const { turns } = usage;
  const doGbSeconds = turns * PER_TURN.doActiveSeconds * DO_BILLED_MEMORY_GB;
  const awake = Math.max(0, usage.containerAwakeSeconds);
  const lines: CostLine[] = [
    {
      item: "workers",
      basis: `${turns} request(s), ${turns * PER_TURN.workerCpuMs} CPU ms`,
      usd:
        perMillion(turns * PER_TURN.workerRequests, WORKERS_USD_PER_MILLION_REQUESTS) +
        perMillion(turns * PER_TURN.workerCpuMs, WORKERS_USD_PER_MILLION_CPU_MS),
    },
    {
      item: "durable-objects",
      basis: `${turns * PER_TURN.doRequests} request(s), ${round(doGbSeconds, 2)} GB-s`,
      usd:
        perMillion(turns * PER_TURN.doRequests, DO_USD_PER_MILLION_REQUESTS) +
        perMillion(doGbSeconds, DO_USD_PER_MILLION_GB_SECONDS),
    },
    {
      item: "r2",
      basis: `${turns * PER_TURN.r2ClassA} class A, ${turns * PER_TURN.r2ClassB} class B operations`,
      usd:
        perMillion(turns * PER_TURN.r2ClassA, R2_USD_PER_MILLION_CLASS_A) +
        perMillion(turns * PER_TURN.r2ClassB, R2_USD_PER_MILLION_CLASS_B),
    },
    {
      item: "containers",
      basis: `${Math.round(awake / 60)} min awake (basic instance)`,
      usd:
        awake *
        (BASIC_INSTANCE.vcpu * CONTAINER_CPU_UTILIZATION * CONTAINER_USD_PER_VCPU_SECOND +
          BASIC_INSTANCE.memoryGib * CONTAINER_USD_PER_GIB_SECOND +
          BASIC_INSTANCE.diskGb * CONTAINER_USD_PER_DISK_GB_SECOND),
    },
  ];
  const totalUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  return { day: usage.day, turns, lines, totalUsd, pricesAsOf: PRICES_AS_OF };
}

/**
 * How long the container was awake today, from the sandbox's start and last activity: it keeps
 * running until `sleepAfterSeconds` past the last call. Only the part inside today counts. A
 * computer asleep now no longer knows when it started: from its last call on is a lower bound.
 */
export function containerAwakeSecondsToday(
  sandbox: { startedAt: number | null; lastActivityAt: number | null },
  sleepAfterSeconds: number,
  dayStartMs: number,
  nowMs: number,
): number {
  if (sandbox.lastActivityAt === null) return 0;
  const start = Math.max(sandbox.startedAt ?? sandbox.lastActivityAt, dayStartMs);
  const end = Math.min(sandbox.lastActivityAt + sleepAfterSeconds * 1000, nowMs);
  return Math.max(0, (end - start) / 1000);
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/** `SANDBOX_SLEEP_AFTER` (`10m`, `1h`, `600s`, `600`) in seconds; the SDK's default when unset. */
export function parseSleepAfterSeconds(value: string | undefined): number {
  const match = /^(\d+)([smh]?)$/.exec(value ?? "10m");
  if (!match) return 600;
  const unit = { "": 1, s: 1, m: 60, h: 3600 }[match[2] as "" | "s" | "m" | "h"];
  return Number(match[1]) * unit;
}
