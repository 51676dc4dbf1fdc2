// Bundles the sandbox runtime (what runs in each user's container) and the local sandbox host
// (what stands in for containers in local development and tests) into single Node files.
import { build } from "esbuild";

const entries = {
  "sandbox-runtime": "src/sandbox-runtime.ts",
  "sandbox-host": "src/sandbox-host.ts",
};

await build({
  entryPoints: entries,
  absWorkingDir: new URL("..", import.meta.url).pathname,
  // Tests build into their own directory so parallel runs never read a half-written bundle.
  outdir: process.env.SANDBOX_BUNDLE_OUTDIR ?? "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: false,
  logLevel: "warning",
});
