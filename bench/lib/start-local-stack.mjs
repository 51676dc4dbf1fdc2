// The local stack: the fakes in this process and `wrangler dev --local` in a process group of its
// own, with a fresh persistence directory. Whatever happens (failure, Ctrl-C, a second Ctrl-C),
// nothing of it may outlive the run: the group is stopped and the directory removed.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "./http-client.mjs";
import {
  ROOT,
  SLACK_SIGNING_SECRET,
  SLACK_TOKEN,
  TELEGRAM_TOKEN,
  WEBHOOK_SECRET,
} from "./settings.mjs";
import { createOutputLog } from "./wrangler-output.mjs";

const WRANGLER_BIN = path.join(ROOT, "node_modules", ".bin", "wrangler");
const HEALTH_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

const owned = {
  /** The wrangler child; spawned detached, so its pid is also the id of its process group. */
  wrangler: undefined,
  wranglerExited: false,
  fakes: undefined,
  client: undefined,
  tempDir: undefined,
};
let stopping;

export async function startLocalStack(settings, { inspector = false } = {}) {
  guardProcess();
  const { startAllFakes } = await import("../../tests/fakes/start-fakes.ts");
  owned.tempDir = mkdtempSync(path.join(os.tmpdir(), "molt-bench-"));
  owned.fakes = await startAllFakes({
    telegramToken: TELEGRAM_TOKEN,
    slackToken: SLACK_TOKEN,
    latencyMs: 0,
  });
  const port = settings.port || (await freePort());
  // wrangler opens an inspector anyway; pinning it keeps every port of the run in one range.
  const inspectorPort = settings.inspectorPort || (inspector ? await freePort() : undefined);
  console.log(`starting wrangler dev on 127.0.0.1:${port} (state in ${owned.tempDir})...`);
  const output = spawnWrangler(settings, port, inspectorPort);
  owned.client = createClient(port);
  const readyMs = await waitForHealth(owned.client, output);
  console.log(`ready after ${(readyMs / 1000).toFixed(1)} s`);
  return {
    fakes: owned.fakes,
    client: owned.client,
    output,
    inspectorPort,
    wranglerPid: owned.wrangler.pid,
  };
}

/** Idempotent; safe to call whether or not the stack got fully started. */
export function stopLocalStack() {
  stopping ??= (async () => {
    owned.client?.destroy();
    await stopWrangler().catch((error) => console.error(`stopping wrangler: ${error}`));
    await owned.fakes?.closeAll().catch((error) => console.error(`closing fakes: ${error}`));
    owned.fakes = undefined;
    removeTempDir();
  })();
  return stopping;
}

function spawnWrangler(settings, port, inspectorPort) {
  const vars = {
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_API_BASE_URL: owned.fakes.urls.TELEGRAM_API_BASE_URL,
    TELEGRAM_ALLOW_FROM: settings.userIds.join(","),
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET,
    SLACK_API_BASE_URL: owned.fakes.urls.SLACK_API_BASE_URL,
    SLACK_ALLOW_FROM: settings.slackUserIds.join(","),
    MODEL: "openai-compatible/fake-model",
    OPENAI_BASE_URL: owned.fakes.urls.OPENAI_BASE_URL,
  };
  const args = [
    ...["dev", "--local", "--port", String(port), "--ip", "127.0.0.1"],
    ...["--persist-to", owned.tempDir, "--show-interactive-dev-session=false"],
    ...(inspectorPort ? ["--inspector-port", String(inspectorPort)] : []),
    ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ];
  const output = createOutputLog(100_000, settings.wranglerLog);
  // detached: wrangler leads a new process group holding it and workerd, stopped as one.
  const child = spawn(WRANGLER_BIN, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  owned.wrangler = child;
  child.stdout.on("data", (chunk) => output.push(chunk));
  child.stderr.on("data", (chunk) => output.push(chunk));
  child.on("exit", () => {
    owned.wranglerExited = true;
  });
  child.on("error", (error) => {
    owned.wranglerExited = true;
    output.push(`spawn failed: ${error.message}\n`);
  });
  return output;
}

async function waitForHealth(client, output) {
  const started = Date.now();
  let last = "no answer yet";
  while (Date.now() - started < HEALTH_TIMEOUT_MS && !owned.wranglerExited) {
    try {
      const response = await client.request("GET", "/health");
      if (response.status === 200) return Date.now() - started;
      last = `status ${response.status}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(250);
  }
  const why = owned.wranglerExited
    ? "wrangler exited"
    : `GET /health not 200 within ${HEALTH_TIMEOUT_MS / 1000} s (${last})`;
  throw new Error(`${why}\n--- wrangler output (last lines) ---\n${output.text()}`);
}

async function stopWrangler() {
  const pgid = owned.wrangler?.pid;
  if (!pgid) return;
  signalGroup(pgid, "SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  // workerd may outlive wrangler's own exit; nothing of the group may survive the run.
  if (groupAlive(pgid)) signalGroup(pgid, "SIGKILL");
  owned.wrangler = undefined;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function removeTempDir() {
  if (!owned.tempDir) return;
  try {
    rmSync(owned.tempDir, { recursive: true, force: true });
  } catch (error) {
    console.error(`could not remove ${owned.tempDir}: ${error}`);
  }
  owned.tempDir = undefined;
}

let guarded = false;

/** Ctrl-C stops the stack first; a second signal or a stray process.exit still kills the group. */
function guardProcess() {
  if (guarded) return;
  guarded = true;
  process.on("exit", () => {
    if (owned.wrangler?.pid) signalGroup(owned.wrangler.pid, "SIGKILL");
    removeTempDir();
  });
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (interrupted) process.exit(130); // the exit hook kills and removes
      interrupted = true;
      console.error(`\n${signal}: stopping wrangler and the fakes...`);
      stopLocalStack().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
