// Starts the local stack on its embedded defaults: the admin UI and sandbox runtime builds, the
// local sandbox host (each user's computer as a local process, workspaces in .sandboxes/), a
// headless Chromium for the browser tools when one is installed, then the Worker with its Durable
// Objects, local R2 and assets on http://localhost:8787. No key is needed: without a MODEL the
// offline dev model answers.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { findChromium, startLocalChromium } from "./local-chromium.mjs";

const PORT = process.env.PORT ?? "8787";
const CHROMIUM_PORT = process.env.CHROMIUM_PORT ?? "9222";
const SANDBOX_HOST_PORT = process.env.SANDBOX_HOST_PORT ?? "8788";
const SANDBOX_LOCAL_URL = `http://127.0.0.1:${SANDBOX_HOST_PORT}`;
// The sandbox host answers only requests carrying this; a fresh one each run.
const SANDBOX_LOCAL_TOKEN = randomBytes(32).toString("hex");

/** A setting from the environment, else from .dev.vars (which wrangler reads for the Worker). */
function readDevSetting(name) {
  if (process.env[name]) return process.env[name];
  const file = (() => {
    try {
      return readFileSync(".dev.vars", "utf8");
    } catch {
      return "";
    }
  })();
  const line = file.split("\n").find((each) => each.startsWith(`${name}=`));
  return line?.slice(name.length + 1).trim() ?? "";
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("pnpm", ["run", "build"]);

const sandboxHost = spawn(process.execPath, ["apps/sandbox/dist/sandbox-host.mjs"], {
  // The credential goes on stdin: in no environment block a process could read.
  stdio: ["pipe", "inherit", "inherit"],
  // Only what the host needs: the Worker's secrets in this shell never reach a sandbox.
  // The host says on start how commands are confined, or what is missing (bubblewrap).
  env: {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    SANDBOX_HOST_PORT,
    SANDBOX_ROOT: process.env.SANDBOX_ROOT ?? ".sandboxes",
    SANDBOX_LOCAL_UNCONFINED_UNSAFE: readDevSetting("SANDBOX_LOCAL_UNCONFINED_UNSAFE"),
  },
});
sandboxHost.stdin.end(`${SANDBOX_LOCAL_TOKEN}\n`);

const browserVars = [];
let chromium;
const executable = findChromium();
if (executable) {
  try {
    chromium = await startLocalChromium(executable, CHROMIUM_PORT);
    browserVars.push("--var", `BROWSER_CDP_URL:${chromium.cdpUrl}`);
  } catch (error) {
    console.warn(`Browser tools disabled: ${error.message}`);
  }
} else {
  console.warn(
    "Chromium not found: the browser tools will not work locally. Install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH) and restart.",
  );
}

const wrangler = spawn(
  "wrangler",
  [
    "dev",
    // The `ai` binding would otherwise open a remote session, which needs a Cloudflare login.
    "--local",
    "--port",
    PORT,
    "--ip",
    "127.0.0.1",
    "--var",
    "DEV_MODE:true",
    "--var",
    `SANDBOX_LOCAL_URL:${SANDBOX_LOCAL_URL}`,
    "--var",
    `SANDBOX_LOCAL_TOKEN:${SANDBOX_LOCAL_TOKEN}`,
    ...browserVars,
    ...(process.env.INSPECTOR_PORT ? ["--inspector-port", process.env.INSPECTOR_PORT] : []),
    "--show-interactive-dev-session=false",
  ],
  { stdio: "inherit" },
);

console.log(`\nLocal stack starting on http://localhost:${PORT}`);
console.log(`  admin UI:      http://localhost:${PORT}/_admin/`);
console.log(`  sandboxes:     ${SANDBOX_LOCAL_URL} (workspaces in .sandboxes/)`);
if (chromium) console.log(`  browser:       headless Chromium at ${chromium.cdpUrl}`);
console.log("  terminal chat: pnpm chat (in another terminal)\n");

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    sandboxHost.kill(signal);
    wrangler.kill(signal);
  });
}
sandboxHost.on("exit", (code) => {
  if (code) console.error(`the local sandbox host exited with ${code}`);
});
wrangler.on("exit", (code) => {
  sandboxHost.kill("SIGTERM");
  chromium?.stop();
  process.exit(code ?? 0);
});
