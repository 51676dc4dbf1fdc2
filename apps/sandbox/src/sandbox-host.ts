// The local sandbox host: `node sandbox-host.mjs`, started by the dev command. It runs one
// sandbox runtime process per user in `.sandboxes/<userId>/workspace` (or SANDBOX_ROOT).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalSandboxHost } from "./host/local-sandbox-host";

const DEFAULT_PORT = 8788;

const here = path.dirname(fileURLToPath(import.meta.url));
const host = await startLocalSandboxHost({
  rootDir: path.resolve(process.env.SANDBOX_ROOT ?? ".sandboxes"),
  runtimeScript: path.join(here, "sandbox-runtime.mjs"),
  port: Number(process.env.SANDBOX_HOST_PORT ?? DEFAULT_PORT),
});
console.log(`local sandbox host on ${host.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
