// What a run measures, read once from the environment; docs/performance.md lists the knobs.

import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const PHASE_NAMES = ["paced", "saturation"];

/** The targets the report judges each phase against. */
export const TARGETS = { ackP99Ms: 30, overheadP50Ms: 50 };

export const TELEGRAM_TOKEN = "7000000001:AAFakeTelegramTokenForTests";
export const SLACK_TOKEN = "xoxb-fake-slack-token-for-bench";
export const SLACK_TEAM = "TBENCH0001";

// Random per run, so nothing from an earlier run's state (or another run) can be mistaken for ours.
export const WEBHOOK_SECRET = `bench-${randomBytes(16).toString("hex")}`;
export const SLACK_SIGNING_SECRET = randomBytes(16).toString("hex");
export const RUN_ID = randomBytes(3).toString("hex");

export function readSettings(env = process.env) {
  const users = intSetting(env, "BENCH_USERS", 50);
  const settings = {
    users,
    messagesPerUser: intSetting(env, "BENCH_MESSAGES_PER_USER", 20),
    ratePerSecond: numberSetting(env, "BENCH_RATE", 20),
    concurrency: intSetting(env, "BENCH_CONCURRENCY", 16),
    phases: phasesSetting(env.BENCH_PHASES),
    referenceRequests: intSetting(env, "BENCH_REFERENCE_REQUESTS", 1000),
    replyTimeoutMs: intSetting(env, "BENCH_REPLY_TIMEOUT_MS", 180_000),
    // One per user by default: every user's agent then exists before anything is measured, so
    // no phase pays for creating Durable Objects and both phases start from the same state.
    warmupUpdates: intSetting(env, "BENCH_WARMUP", users),
    modelLatencyMs: intSetting(env, "BENCH_MODEL_LATENCY_MS", 0),
    wranglerLog: env.BENCH_WRANGLER_LOG || undefined,
    cpuProfileFile: env.BENCH_CPU_PROFILE || undefined,
    // 0: any free port. Set them to keep wrangler (and its inspector) inside a given range.
    port: intSetting(env, "BENCH_PORT", 0),
    inspectorPort: intSetting(env, "BENCH_INSPECTOR_PORT", 0),
  };
  if (settings.users < 1 || settings.messagesPerUser < 1 || settings.concurrency < 1) {
    throw new Error("BENCH_USERS, BENCH_MESSAGES_PER_USER and BENCH_CONCURRENCY must be >= 1");
  }
  const firstUserId = 910_000_001;
  settings.userIds = Array.from({ length: settings.users }, (_, index) => firstUserId + index);
  settings.slackUserIds = settings.userIds.map((id) => `UBENCH${id}`);
  return Object.freeze(settings);
}

function intSetting(env, name, fallback) {
  const value = rawNumber(env, name, fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer >= 0`);
  return value;
}

function numberSetting(env, name, fallback) {
  const value = rawNumber(env, name, fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number > 0`);
  return value;
}

function rawNumber(env, name, fallback) {
  const raw = env[name];
  return raw === undefined || raw === "" ? fallback : Number(raw);
}

function phasesSetting(raw) {
  if (!raw) return PHASE_NAMES;
  const phases = raw.split(",").map((name) => name.trim());
  const unknown = phases.filter((name) => !PHASE_NAMES.includes(name));
  if (unknown.length > 0 || phases.length === 0) {
    throw new Error(`BENCH_PHASES: a comma-separated list of ${PHASE_NAMES.join(", ")}`);
  }
  return phases;
}
