import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalSandboxHost } from "../../apps/sandbox/src/host/local-sandbox-host.ts";

const sandboxApp = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../apps/sandbox");

export interface TestSandboxHostOptions {
  /** The version the runtime reports on /health; the bundle's own release when unset. */
  runtimeVersion?: string;
  /** Where this host's bundle is built, relative to apps/sandbox. */
  outdir?: string;
  /** The credential every request to the host must carry; a fresh one when unset. */
  credential?: string;
}

/**
 * Builds the runtime bundle and starts the local sandbox host on a free port, with workspaces
 * in a temporary directory: the Worker under test drives real runtime processes through it.
 * A second host built with another `runtimeVersion` plays an older container image.
 */
export async function startTestSandboxHost(options: TestSandboxHostOptions = {}) {
  const outdir = options.outdir ?? "dist";
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], {
    cwd: sandboxApp,
    encoding: "utf8",
    env: {
      ...process.env,
      SANDBOX_BUNDLE_OUTDIR: outdir,
      ...(options.runtimeVersion ? { SANDBOX_RUNTIME_VERSION: options.runtimeVersion } : {}),
    },
  });
  if (build.status !== 0) throw new Error(`sandbox bundle build failed: ${build.stderr}`);
  const rootDir = await mkdtemp(path.join(tmpdir(), "molt-sandboxes-"));
  // Commands run as an unprivileged user when the tests run as root: it must reach its workspace.
  await chmod(rootDir, 0o755);
  const credential = options.credential ?? `test-host-credential-${crypto.randomUUID()}`;
  const host = await startLocalSandboxHost({
    rootDir,
    runtimeScript: path.join(sandboxApp, outdir, "sandbox-runtime.mjs"),
    credential,
  });
  return {
    url: host.url,
    credential,
    rootDir,
    async close() {
      await host.close();
      await rm(rootDir, { recursive: true, force: true });
    },
  };
}
