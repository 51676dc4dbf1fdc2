// The sandbox runtime's entry point: `node sandbox-runtime.mjs` inside the user's container
// (or on the host in local development). Settings come from the environment; the token comes on
// stdin from the local host, or from the environment in the container (and is removed there).
import { readFileSync } from "node:fs";
import {
  CONTROL_PORT_GUARD_FILE,
  readConfinement,
  requireControlPortGuard,
} from "./runtime/confinement";
import { readRuntimeToken } from "./runtime/read-runtime-token";
import { startRuntime } from "./runtime/start-runtime";

const DEFAULT_PORT = 8080;

const token = await readRuntimeToken(process.env, process.stdin);
process.stdin.destroy();
const confinement = requireControlPortGuard(readConfinement(process.env), process.env, () => {
  try {
    return readFileSync(CONTROL_PORT_GUARD_FILE, "utf8");
  } catch {
    return null;
  }
});
if (confinement.kind === "refused") {
  console.error(`sandbox runtime: commands will be refused: ${confinement.reason}`);
}

const runtime = await startRuntime({
  token,
  workspaceDir: process.env.SANDBOX_WORKSPACE ?? "/workspace",
  port: Number(process.env.SANDBOX_RUNTIME_PORT ?? DEFAULT_PORT),
  host: process.env.SANDBOX_RUNTIME_HOST ?? "0.0.0.0",
  runAs: process.env.SANDBOX_RUN_AS,
  confinement,
}).catch((error: Error) => {
  console.error(`sandbox runtime failed to start: ${error.message}`);
  process.exit(1);
});

// One JSON line tells a supervising process which port was taken (port 0 = any free one).
console.log(JSON.stringify({ event: "listening", port: runtime.port }));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void runtime.close().then(() => process.exit(0));
  });
}
