import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const READY_TIMEOUT_MS = 120_000;
const EXIT_TIMEOUT_MS = 20_000;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const CHAT_TIMEOUT_MS = 60_000;
const ONE_PIXEL_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** `pnpm chat` as a person runs it, with `input` typed (then Ctrl-D); resolves with its output. */
function runChat(port: number, input: string): Promise<string> {
  const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { chat: string } })
    .scripts.chat;
  const chat = spawn("sh", ["-c", `${script} --url http://localhost:${port}`], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, PATH: `${path.resolve("node_modules/.bin")}:${process.env.PATH}` },
  });
  let output = "";
  chat.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  chat.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  chat.stdin.end(input);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      chat.kill("SIGKILL");
      reject(new Error(`pnpm chat did not finish:\n${output}`));
    }, CHAT_TIMEOUT_MS);
    chat.on("exit", () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

const tempDir = mkdtempSync(path.join(os.tmpdir(), "molt-dev-command-"));
// mkdtemp makes it 0700; run as root, the sandbox host runs commands as an unprivileged user,
// who must be able to reach the workspaces below it, as under the repository's .sandboxes/.
chmodSync(tempDir, 0o755);
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe("the dev command", () => {
  it("prints a summary once ready and ends cleanly on Ctrl-C", async () => {
    // Run the `dev` script the way pnpm does (`sh -c <script>`): pnpm reports "Command failed"
    // unless that shell ends with code 0 and no signal.
    const script = (
      JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { dev: string } }
    ).scripts.dev;
    const port = await freePort();
    const sandboxPort = await freePort();
    const child = spawn("sh", ["-c", script], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PATH: `${path.resolve("node_modules/.bin")}:${process.env.PATH}`,
        // The browser tests run after a build; the dev command need not build again.
        SKIP_BUILD: "1",
        PORT: String(port),
        SANDBOX_HOST_PORT: String(sandboxPort),
        CHROMIUM_PORT: String(await freePort()),
        INSPECTOR_PORT: String(await freePort()),
        PERSIST_TO: path.join(tempDir, "state"),
        SANDBOX_ROOT: path.join(tempDir, "sandboxes"),
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    try {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      while (!output.includes("Stop") && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(output).toContain("molt-agent is ready");
      expect(output).toContain(`http://localhost:${port}/_admin/`);
      expect(output).toMatch(/Model\s+offline dev model/);
      expect(output).toMatch(/Not set up\s+telegram, slack/);
      // Wrangler's banner and bindings table stay out of the way.
      expect(output).not.toContain("Your Worker has access to the following bindings");

      // The terminal chat against that stack: a file sent with /file, and a shell command.
      const picture = path.join(tempDir, "dot.png");
      writeFileSync(picture, Buffer.from(ONE_PIXEL_PNG_BASE64, "base64"));
      const chat = await runChat(port, `/file ${picture} what is this?\nrun echo chat-ok\n`);
      expect(chat).toContain("I got a photo");
      expect(chat).toContain("chat-ok");

      // Ctrl-C in a terminal signals the whole foreground process group.
      process.kill(-(child.pid as number), "SIGINT");
      const outcome = await Promise.race([
        exited,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("the dev command did not stop")), EXIT_TIMEOUT_MS),
        ),
      ]);
      expect(outcome).toEqual({ code: 0, signal: null });
      const answered = await fetch(`http://127.0.0.1:${port}/health`).then(
        () => true,
        () => false,
      );
      expect(answered).toBe(false);
    } finally {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }, 180_000);
});
