// `pnpm dev`: the local stack on its embedded defaults. Builds the admin UI and the sandbox
// runtime, starts the local sandbox host (each user's computer as a local process, workspaces in
// .sandboxes/), a headless Chromium for the browser tools when one is installed, then
// `wrangler dev --local` (Worker, Durable Objects, local R2, assets). Startup output is kept back
// and a short summary printed once the Worker answers; Ctrl-C stops everything and exits 0.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { formatDevSummary, readStackChecks } from "./dev-summary.ts";
import { findChromium, type RunningChromium, startChromium } from "./local-chromium.ts";

const PORT = process.env.PORT ?? "8787";
const CHROMIUM_PORT = Number(process.env.CHROMIUM_PORT ?? "9222");
const SANDBOX_HOST_PORT = process.env.SANDBOX_HOST_PORT ?? "8788";
const SANDBOX_ROOT = process.env.SANDBOX_ROOT ?? ".sandboxes";
const SANDBOX_LOCAL_URL = `http://127.0.0.1:${SANDBOX_HOST_PORT}`;
// The sandbox host answers only requests carrying this; a fresh one each run.
const SANDBOX_LOCAL_TOKEN = randomBytes(32).toString("hex");
const BASE_URL = `http://localhost:${PORT}`;
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 5_000;

const children: ChildProcess[] = [];
let chromium: RunningChromium | undefined;
let stopping = false;

/** Runs a command to completion, its output shown only if it fails. */
function runQuietly(command: string, args: string[]): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const output: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      process.stderr.write(Buffer.concat(output));
      console.error(`\n${command} ${args.join(" ")} failed (exit code ${code}).`);
      process.exit(1);
    });
  });
}

async function stopEverything(exitCode: number): Promise<never> {
  stopping = true;
  const exits = children
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map((child) => {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      // Each child leads its own process group: `wrangler` is a shell shim around node, which
      // runs workerd, and a signal to the shim alone would leave the Worker listening.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
      return exited;
    });
  await Promise.race([
    Promise.all(exits),
    new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS)),
  ]);
  await chromium?.close();
  process.exit(exitCode);
}

async function waitForHealth(): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !stopping) {
    const ok = await fetch(`${BASE_URL}/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    console.log("\nStopping the local stack…");
    // A stop the person asked for is a success: no "Command failed" from pnpm.
    void stopEverything(0);
  });
}

if (process.env.SKIP_BUILD !== "1") {
  console.log("Building the admin UI and the sandbox runtime…");
  await runQuietly("pnpm", ["run", "build"]);
}

/** A setting from the environment, else from .dev.vars (which wrangler reads for the Worker). */
function readDevSetting(name: string): string {
  if (process.env[name]) return process.env[name] ?? "";
  let file = "";
  try {
    file = readFileSync(".dev.vars", "utf8");
  } catch {
    return "";
  }
  const line = file.split("\n").find((each) => each.startsWith(`${name}=`));
  return line?.slice(name.length + 1).trim() ?? "";
}

const sandboxHost = spawn(process.execPath, ["apps/sandbox/dist/sandbox-host.mjs"], {
  // The credential goes on stdin: in no environment block a process could read.
  stdio: ["pipe", "pipe", "inherit"],
  // Only what the host needs: the Worker's secrets in this shell never reach a sandbox.
  env: {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    SANDBOX_HOST_PORT,
    SANDBOX_ROOT,
    SANDBOX_LOCAL_UNCONFINED_UNSAFE: readDevSetting("SANDBOX_LOCAL_UNCONFINED_UNSAFE"),
  },
  detached: true,
});
sandboxHost.stdin?.end(`${SANDBOX_LOCAL_TOKEN}\n`);
children.push(sandboxHost);
// The host's one start line says how commands are confined (bubblewrap) or what is missing.
let confinement = "starting";
sandboxHost.stdout?.on("data", (chunk: Buffer) => {
  const line = chunk.toString("utf8").trim().split("\n")[0] ?? "";
  const described = line.split(": ").slice(1).join(": ");
  if (described) confinement = described;
});
sandboxHost.on("exit", (code) => {
  if (!stopping) console.error(`The local sandbox host stopped (exit code ${code}).`);
});

/** A headless Chromium for the browser tools, or why there is none (the rest works without). */
async function startBrowser(): Promise<{ cdpUrl: string } | { off: string }> {
  const executable = findChromium();
  if (!executable) {
    return { off: "Chromium not found: sudo apt-get install chromium (or set CHROMIUM_PATH)" };
  }
  try {
    chromium = await startChromium(executable, { port: CHROMIUM_PORT });
    return { cdpUrl: chromium.cdpUrl };
  } catch (error) {
    return { off: `Chromium did not start: ${error instanceof Error ? error.message : error}` };
  }
}

const browser = await startBrowser();

console.log("Starting the Worker (wrangler dev --local)…");
const wrangler = spawn(
  "wrangler",
  [
    "dev",
    // The `ai` binding would otherwise open a remote session, which needs a Cloudflare login.
    "--local",
    ...["--port", PORT, "--ip", "127.0.0.1"],
    ...["--var", "DEV_MODE:true", "--var", `SANDBOX_LOCAL_URL:${SANDBOX_LOCAL_URL}`],
    ...["--var", `SANDBOX_LOCAL_TOKEN:${SANDBOX_LOCAL_TOKEN}`],
    ...("cdpUrl" in browser ? ["--var", `BROWSER_CDP_URL:${browser.cdpUrl}`] : []),
    ...(process.env.INSPECTOR_PORT ? ["--inspector-port", process.env.INSPECTOR_PORT] : []),
    ...(process.env.PERSIST_TO ? ["--persist-to", process.env.PERSIST_TO] : []),
    "--show-interactive-dev-session=false",
  ],
  {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    detached: true,
  },
);
children.push(wrangler);

// Wrangler's banner and bindings table are kept back; once the stack is ready its output (request
// lines, the Worker's logs) passes through. If it never gets ready, what it said is shown.
let ready = false;
const heldBack: Buffer[] = [];
for (const stream of [wrangler.stdout, wrangler.stderr]) {
  stream?.on("data", (chunk: Buffer) => {
    if (ready) process.stdout.write(chunk);
    else heldBack.push(chunk);
  });
}
wrangler.on("exit", (code) => {
  if (stopping) return;
  if (!ready) process.stderr.write(Buffer.concat(heldBack));
  console.error(`\nwrangler stopped (exit code ${code}).`);
  void stopEverything(code || 1);
});

if (await waitForHealth()) {
  const checks = await readStackChecks(BASE_URL);
  console.log(
    formatDevSummary({
      baseUrl: BASE_URL,
      sandboxHostUrl: SANDBOX_LOCAL_URL,
      sandboxRoot: SANDBOX_ROOT,
      confinement,
      browser,
      checks,
    }),
  );
  ready = true;
} else if (!stopping) {
  process.stderr.write(Buffer.concat(heldBack));
  console.error(`\nThe Worker did not answer ${BASE_URL}/health in ${READY_TIMEOUT_MS / 1000} s.`);
  await stopEverything(1);
}
