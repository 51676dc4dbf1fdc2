// Bundles the sandbox runtime (what runs in each user's container) and the local sandbox host
// (what stands in for containers in local development and tests) into single Node files.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

// The runtime reports this on /health; the Worker restarts a runtime whose release differs from
// its own (both read the root package.json). Tests build an "older image" by overriding it.
const rootPackage = JSON.parse(
  readFileSync(new URL("../../../package.json", import.meta.url), "utf8"),
);
const runtimeVersion = process.env.SANDBOX_RUNTIME_VERSION || rootPackage.version;

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
  define: { __MOLT_RUNTIME_VERSION__: JSON.stringify(runtimeVersion) },
});
