// Starts the local stack on its embedded defaults: the admin UI build, a headless Chromium for
// the browser tools when one is installed, then the Worker with its Durable Objects, local R2 and
// assets on http://localhost:8787. No key is needed: without a MODEL the offline dev model answers.
import { spawn, spawnSync } from "node:child_process";
import { findChromium, startLocalChromium } from "./local-chromium.mjs";

const PORT = process.env.PORT ?? "8787";
const CHROMIUM_PORT = process.env.CHROMIUM_PORT ?? "9222";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("pnpm", ["run", "build"]);

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
    ...browserVars,
    ...(process.env.INSPECTOR_PORT ? ["--inspector-port", process.env.INSPECTOR_PORT] : []),
    "--show-interactive-dev-session=false",
  ],
  { stdio: "inherit" },
);

console.log(`\nLocal stack starting on http://localhost:${PORT}`);
console.log(`  admin UI:      http://localhost:${PORT}/_admin/`);
if (chromium) console.log(`  browser:       headless Chromium at ${chromium.cdpUrl}`);
console.log("  terminal chat: pnpm chat (in another terminal)\n");

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => wrangler.kill(signal));
}
wrangler.on("exit", (code) => {
  chromium?.stop();
  process.exit(code ?? 0);
});
