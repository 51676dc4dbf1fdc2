import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROMIUM_START_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 100;
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
/**
 * Flags for a Chromium that reaches nothing but 127.0.0.1: without the background-networking
 * ones it keeps trying Google's hosts, which this network refuses.
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
  close(): Promise<void>;
}

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}

/**
 * Starts headless Chromium with a remote debugging port chosen by the OS (port 0), read back
 * from the DevToolsActivePort file, so parallel suites never clash on a port.
 */
export async function startChromium(executable: string): Promise<RunningChromium> {
  const profile = await mkdtemp(join(tmpdir(), "molt-chromium-"));
  const child = spawn(
    executable,
    [
      "--headless",
      ...OFFLINE_CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "--remote-debugging-address=127.0.0.1",
      "about:blank",
    ],
    { stdio: "ignore", detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const port = await waitForDevToolsPort(profile, child);
    return {
      cdpUrl: `http://127.0.0.1:${port}`,
      close: () => stopChromium(child, exited, profile),
    };
  } catch (error) {
    await stopChromium(child, exited, profile);
    throw error;
  }
}

async function waitForDevToolsPort(profile: string, child: ChildProcess): Promise<number> {
  const deadline = Date.now() + CHROMIUM_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Chromium exited with code ${child.exitCode}`);
    const text = await readFile(join(profile, "DevToolsActivePort"), "utf8").catch(() => "");
    const port = Number(text.split("\n")[0]);
    if (port > 0) return port;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`Chromium did not open its debugging port in ${CHROMIUM_START_TIMEOUT_MS} ms`);
}

async function stopChromium(child: ChildProcess, exited: Promise<void>, profile: string) {
  if (child.exitCode === null && child.pid !== undefined) {
    // Chromium forks helpers into its process group; end the whole group, and only it.
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  await rm(profile, { recursive: true, force: true });
}
