// Starts the local stack on its embedded defaults: the admin UI build, then the Worker with its
// Durable Objects, local R2 and assets on http://localhost:8787. No key is needed: without a
// MODEL the offline dev model answers.
import { spawn, spawnSync } from "node:child_process";

const PORT = process.env.PORT ?? "8787";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("pnpm", ["run", "build"]);

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
    "--show-interactive-dev-session=false",
  ],
  { stdio: "inherit" },
);

console.log(`\nLocal stack starting on http://localhost:${PORT}`);
console.log(`  admin UI:      http://localhost:${PORT}/_admin/`);
console.log("  terminal chat: pnpm chat (in another terminal)\n");

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => wrangler.kill(signal));
}
wrangler.on("exit", (code) => process.exit(code ?? 0));
