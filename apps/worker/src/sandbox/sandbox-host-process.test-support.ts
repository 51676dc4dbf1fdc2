import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const sandboxApp = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../sandbox");
const START_TIMEOUT_MS = 30_000;

/**
 * The local sandbox host as `pnpm dev` runs it: its bundle built into a temporary directory and
 * started as a process of its own, with its credential on stdin and workspaces in a temporary
 * directory. Ended by pid.
 */
export async function startSandboxHostProcess() {
  const dir = await mkdtemp(path.join(tmpdir(), "molt-host-"));
  // Commands run as an unprivileged user when the tests run as root: it must reach its workspace.
  await chmod(dir, 0o755);
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], {
    cwd: sandboxApp,
    encoding: "utf8",
    env: { ...process.env, SANDBOX_BUNDLE_OUTDIR: path.join(dir, "dist") },
  });
  if (build.status !== 0) throw new Error(`sandbox bundle build failed: ${build.stderr}`);
  const credential = `test-host-credential-${crypto.randomUUID()}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(dir, "dist", "sandbox-host.mjs")],
    {
      // Cast: this project types process.env as the Worker's bindings.
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        SANDBOX_HOST_PORT: "0",
        SANDBOX_ROOT: path.join(dir, "sandboxes"),
      } as unknown as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  child.stdin?.end(`${credential}\n`);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the sandbox host did not start")),
      START_TIMEOUT_MS,
    );
    child.once("exit", (code) => reject(new Error(`the sandbox host exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const found = /local sandbox host on (http:\/\/[\d.]+:\d+)/.exec(line);
      if (found) {
        clearTimeout(timer);
        resolve(found[1] as string);
      }
    });
  });
  return {
    url,
    credential,
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
