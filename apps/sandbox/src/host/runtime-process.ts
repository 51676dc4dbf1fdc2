import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { type Confinement, confinementEnvironment } from "../runtime/confinement";

/** How long a fresh runtime gets to announce its port. */
export const RUNTIME_START_TIMEOUT_MS = 15_000;

export interface RuntimeProcessOptions {
  runtimeScript: string;
  workspaceDir: string;
  token: string;
  confinement: Confinement;
}

/** One user's runtime as a local child process, standing in for the runtime in a container. */
export class RuntimeProcess {
  readonly startedAt = Date.now();
  private exited = false;
  private readonly exitPromise: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.exitPromise = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      child.once("exit", () => resolve());
    });
    void this.exitPromise.then(() => {
      this.exited = true;
    });
  }

  static async start(options: RuntimeProcessOptions): Promise<RuntimeProcess> {
    const child = spawn(process.execPath, [options.runtimeScript], {
      // Only what the runtime needs: nothing of the host's own environment reaches a sandbox,
      // and the token is not in it either (it goes on stdin, below).
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        SANDBOX_WORKSPACE: options.workspaceDir,
        SANDBOX_RUNTIME_PORT: "0",
        SANDBOX_RUNTIME_HOST: "127.0.0.1",
        ...confinementEnvironment(options.confinement),
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin?.end(`${options.token}\n`);
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error("the runtime did not start in time"));
      }, RUNTIME_START_TIMEOUT_MS);
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString("utf8")).slice(-2000);
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the runtime exited with ${code}: ${stderr.trim()}`));
      });
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.on("line", (line) => {
        try {
          const event = JSON.parse(line) as { event?: string; port?: number };
          if (event.event === "listening" && typeof event.port === "number") {
            clearTimeout(timer);
            resolve(event.port);
          }
        } catch {
          // Not an announcement.
        }
      });
    });
    child.stdout?.resume();
    return new RuntimeProcess(child, port);
  }

  get running(): boolean {
    return !this.exited;
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** SIGKILL stands in for a container that dies; SIGTERM lets the runtime end its children. */
  async stop(signal: "SIGKILL" | "SIGTERM"): Promise<void> {
    if (this.exited) return;
    this.child.kill(signal);
    await this.exitPromise;
  }
}
