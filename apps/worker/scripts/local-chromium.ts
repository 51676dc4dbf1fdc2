// Headless Chromium standing in for Browser Rendering: the dev command and the test suites start
// it here, and the Worker drives it through the same @cloudflare/puppeteer code via
// BROWSER_CDP_URL. Plain Node (types stripped), so both `pnpm dev` and vitest load it as is.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROMIUM_START_TIMEOUT_MS = 20_000;
const CHROMIUM_STOP_GRACE_MS = 5_000;
const POLL_INTERVAL_MS = 100;
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Flags for a Chromium that reaches nothing but 127.0.0.1: without the background-networking
 * ones it keeps trying Google's hosts, which these networks refuse.
 */
export const OFFLINE_CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface RunningChromium {
  /** `http://127.0.0.1:<port>`: what `BROWSER_CDP_URL` is set to. */
  cdpUrl: string;
  /** Stops the whole process group and removes the profile once Chromium has exited. */
  close(): Promise<void>;
}

/** `CHROMIUM_PATH`, Debian's paths, then whatever `chromium` is on PATH. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const known = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (known) return known;
  const which = spawnSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], {
    encoding: "utf8",
  });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

/**
 * Starts headless Chromium with a remote debugging port on 127.0.0.1: `port` (default 0, chosen
 * by the OS so parallel suites never clash), read back from the DevToolsActivePort file.
 */
export async function startChromium(
  executable: string,
  options: { port?: number } = {},
): Promise<RunningChromium> {
  const profile = await mkdtemp(join(tmpdir(), "molt-chromium-"));
  const child = spawn(
    executable,
    [
      "--headless",
      ...OFFLINE_CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${options.port ?? 0}`,
      "--remote-debugging-address=127.0.0.1",
      "about:blank",
    ],
    // detached: Chromium and its helpers form one process group, stopped as one.
    { stdio: "ignore", detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const port = await waitForDevToolsPort(profile, child, options.port ?? 0);
    return {
      cdpUrl: `http://127.0.0.1:${port}`,
      close: () => stopChromium(child, exited, profile),
    };
  } catch (error) {
    await stopChromium(child, exited, profile);
    throw error;
  }
}

/**
 * The debugging port once Chromium answers on it: a fixed port is asked directly; an OS-chosen
 * one is read from DevToolsActivePort (only written for port 0).
 */
async function waitForDevToolsPort(
  profile: string,
  child: ChildProcess,
  fixedPort: number,
): Promise<number> {
  const deadline = Date.now() + CHROMIUM_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Chromium exited with code ${child.exitCode}`);
    const port = fixedPort || (await readActivePort(profile));
    if (port > 0 && (await answersOn(port))) return port;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`Chromium did not open its debugging port in ${CHROMIUM_START_TIMEOUT_MS} ms`);
}

async function readActivePort(profile: string): Promise<number> {
  const text = await readFile(join(profile, "DevToolsActivePort"), "utf8").catch(() => "");
  return Number(text.split("\n")[0]) || 0;
}

async function answersOn(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/json/version`, {
    signal: AbortSignal.timeout(1_000),
  }).then(
    (response) => response.ok,
    () => false,
  );
}

async function stopChromium(child: ChildProcess, exited: Promise<void>, profile: string) {
  const pgid = child.pid;
  if (pgid !== undefined && groupAlive(pgid)) {
    signalGroup(pgid, "SIGTERM");
    await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(resolve, CHROMIUM_STOP_GRACE_MS)),
    ]);
    // Helpers in the group may outlive the main process for a moment and still write to the
    // profile; removing it under them fails (ENOTEMPTY) or leaves it behind.
    const deadline = Date.now() + CHROMIUM_STOP_GRACE_MS;
    while (groupAlive(pgid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    if (groupAlive(pgid)) signalGroup(pgid, "SIGKILL");
  }
  await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
