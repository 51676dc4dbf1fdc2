// Headless Chromium standing in for Browser Rendering during local development: the Worker
// drives it through the same @cloudflare/puppeteer code, via BROWSER_CDP_URL.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const START_TIMEOUT_MS = 15_000;

export function findChromium() {
  for (const path of [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
  ]) {
    if (path && existsSync(path)) return path;
  }
  const which = spawnSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], {
    encoding: "utf8",
  });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

/** Starts Chromium on 127.0.0.1:<port>; resolves with its CDP URL and a stop function. */
export async function startLocalChromium(executable, port) {
  const profile = mkdtempSync(join(tmpdir(), "molt-dev-chromium-"));
  const child = spawn(
    executable,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${port}`,
      "--remote-debugging-address=127.0.0.1",
    ],
    { stdio: "ignore", detached: true },
  );
  const cdpUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
    }
    rmSync(profile, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${cdpUrl}/json/version`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { cdpUrl, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stop();
  throw new Error(`Chromium did not answer on ${cdpUrl} within ${START_TIMEOUT_MS} ms`);
}
