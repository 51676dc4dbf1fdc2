import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FILE_BUNDLE_CONTENT_TYPE } from "@molt/contracts";
import { chooseLocalConfinement } from "../src/host/local-sandbox-host";
import { RuntimeProcess } from "../src/host/runtime-process";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let runtimeScript = "";

/**
 * Builds the bundles this test file runs into a directory of its own, so a test never runs a
 * stale runtime nor one another build is still writing.
 */
export async function buildBundles(): Promise<void> {
  const outdir = await makeTempDir("molt-bundle-");
  const result = spawnSync(process.execPath, ["scripts/build.mjs"], {
    cwd: appDir,
    encoding: "utf8",
    env: { ...process.env, SANDBOX_BUNDLE_OUTDIR: outdir },
  });
  if (result.status !== 0) throw new Error(`bundle build failed: ${result.stderr}`);
  runtimeScript = path.join(outdir, "sandbox-runtime.mjs");
}

/** The runtime bundle built by `buildBundles()`. */
export function runtimeScriptPath(): string {
  if (!runtimeScript) throw new Error("call buildBundles() first");
  return runtimeScript;
}

export async function removeBundles(): Promise<void> {
  if (runtimeScript) await rm(path.dirname(runtimeScript), { recursive: true, force: true });
}

/** A temporary directory every user can enter (the runtime may hand commands to another uid). */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

export interface TestRuntime {
  dir: string;
  workspace: string;
  token: string;
  process: RuntimeProcess;
  url: string;
  call<T = Record<string, unknown>>(
    route: string,
    body?: unknown,
    options?: { token?: string | null; method?: string; raw?: string },
  ): Promise<{ status: number; body: T }>;
  /** A request with a binary (file bundle) or JSON body whose answer is read as bytes. */
  callBytes(
    route: string,
    body: Uint8Array | unknown,
  ): Promise<{ status: number; bytes: Uint8Array; contentType: string | null }>;
  close(): Promise<void>;
}

export async function startTestRuntime(): Promise<TestRuntime> {
  const dir = await makeTempDir("molt-runtime-");
  const workspace = path.join(dir, "workspace");
  const token = `test-token-${crypto.randomUUID()}`;
  if (!runtimeScript) throw new Error("call buildBundles() first");
  // Confined as under `pnpm dev`: what these tests prove holds for the local sandbox.
  const process = await RuntimeProcess.start({
    runtimeScript,
    workspaceDir: workspace,
    token,
    confinement: chooseLocalConfinement({}),
  });
  const url = `http://127.0.0.1:${process.port}`;
  return {
    dir,
    workspace,
    token,
    process,
    url,
    async call(route, body, options = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      const presented = options.token === undefined ? token : options.token;
      if (presented !== null) headers.authorization = `Bearer ${presented}`;
      const method =
        options.method ?? (body === undefined && options.raw === undefined ? "GET" : "POST");
      const response = await fetch(url + route, {
        method,
        headers,
        body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async callBytes(route, body) {
      const binary = body instanceof Uint8Array;
      const response = await fetch(url + route, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": binary ? FILE_BUNDLE_CONTENT_TYPE : "application/json",
        },
        body: binary ? body : JSON.stringify(body),
      });
      return {
        status: response.status,
        bytes: new Uint8Array(await response.arrayBuffer()),
        contentType: response.headers.get("content-type"),
      };
    },
    async close() {
      await process.stop("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
  };
}
