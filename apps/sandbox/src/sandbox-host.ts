// The local sandbox host: `node sandbox-host.mjs`, started by the dev command. It runs one
// sandbox runtime process per user in `.sandboxes/<userId>/workspace` (or SANDBOX_ROOT), with
// every command confined by bubblewrap. Its credential comes on stdin, never in an environment.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeLocalConfinement } from "./host/describe-local-confinement";
import { startLocalSandboxHost } from "./host/local-sandbox-host";
import { readRuntimeToken } from "./runtime/read-runtime-token";

const DEFAULT_PORT = 8788;

const here = path.dirname(fileURLToPath(import.meta.url));
const credential = await readRuntimeToken({}, process.stdin);
process.stdin.destroy();
const host = await startLocalSandboxHost({
  rootDir: path.resolve(process.env.SANDBOX_ROOT ?? ".sandboxes"),
  runtimeScript: path.join(here, "sandbox-runtime.mjs"),
  credential,
  allowUnconfined: process.env.SANDBOX_LOCAL_UNCONFINED_UNSAFE === "true",
  port: Number(process.env.SANDBOX_HOST_PORT ?? DEFAULT_PORT),
});
console.log(`local sandbox host on ${host.url}: ${describeLocalConfinement(host.confinement)}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
