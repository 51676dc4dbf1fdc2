import { rm } from "node:fs/promises";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SANDBOX_HOST_CREDENTIAL_HEADER } from "@molt/contracts";
import {
  type Confinement,
  DEFAULT_SANDBOX_LIMITS,
  type SandboxLimits,
} from "../runtime/confinement";
import { resolveRunAs, spawnIdentity } from "../runtime/run-as";
import { matchesSecret } from "../runtime/runtime-auth";
import { checkBubblewrap } from "./check-bubblewrap";
import { RuntimeProcess } from "./runtime-process";

const USER_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MIN_CREDENTIAL_CHARS = 16;

export interface LocalSandboxHostOptions {
  /** Each user gets `<rootDir>/<userId>/workspace`. */
  rootDir: string;
  runtimeScript: string;
  /** Required on every route, in the `x-sandbox-host-token` header. */
  credential: string;
  /** SANDBOX_LOCAL_UNCONFINED_UNSAFE: run commands unconfined when bubblewrap cannot be had. */
  allowUnconfined?: boolean;
  /** Default: SANDBOX_BWRAP_PATH or /usr/bin/bwrap. */
  bwrapPath?: string;
  limits?: Partial<SandboxLimits>;
  port?: number;
  host?: string;
}

export interface LocalSandboxHost {
  url: string;
  /** How commands are confined, decided once at start. */
  confinement: Confinement;
  close(): Promise<void>;
}

/** bubblewrap when it works here, else unconfined if the operator opted in, else refused. */
export function chooseLocalConfinement(
  options: Pick<LocalSandboxHostOptions, "allowUnconfined" | "bwrapPath" | "limits">,
): Confinement {
  const check = checkBubblewrap(options.bwrapPath, spawnIdentity(resolveRunAs(undefined)));
  if (check.ok) {
    return {
      kind: "bubblewrap",
      bwrapPath: check.path,
      limits: { ...DEFAULT_SANDBOX_LIMITS, ...options.limits },
    };
  }
  if (options.allowUnconfined) return { kind: "unconfined-unsafe" };
  return {
    kind: "refused",
    reason: `${check.problem}, then restart; or set SANDBOX_LOCAL_UNCONFINED_UNSAFE=true to run commands as plain processes of your own account, able to read everything it can`,
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json" });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = "";
  for await (const chunk of request as AsyncIterable<Buffer>) raw += chunk.toString("utf8");
  try {
    const value = JSON.parse(raw || "{}") as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Stands in for per-user containers on a machine without Docker: one runtime process per user,
 * each with its own workspace directory, and a proxy that reaches it. The Worker's local sandbox
 * adapter talks to this over HTTP.
 */
export async function startLocalSandboxHost(
  options: LocalSandboxHostOptions,
): Promise<LocalSandboxHost> {
  if (options.credential.length < MIN_CREDENTIAL_CHARS) {
    throw new Error(
      `The sandbox host credential must be at least ${MIN_CREDENTIAL_CHARS} characters.`,
    );
  }
  const confinement = chooseLocalConfinement(options);
  const runtimes = new Map<string, RuntimeProcess>();
  const starting = new Map<string, Promise<RuntimeProcess>>();
  /** Runtime routes being proxied right now, per user: lets tests act mid-command. */
  const inFlight = new Map<string, string[]>();

  const status = (userId: string) => {
    const runtime = runtimes.get(userId);
    const active = inFlight.get(userId) ?? [];
    return runtime?.running
      ? { running: true, pid: runtime.pid, startedAt: runtime.startedAt, inFlight: active }
      : { running: false, pid: null, startedAt: null, inFlight: active };
  };

  const start = async (userId: string, token: string) => {
    await runtimes.get(userId)?.stop("SIGTERM");
    const runtime = await RuntimeProcess.start({
      runtimeScript: options.runtimeScript,
      workspaceDir: path.resolve(options.rootDir, userId, "workspace"),
      token,
      confinement,
    });
    runtimes.set(userId, runtime);
    return runtime;
  };

  const proxy = (
    userId: string,
    rest: string,
    request: IncomingMessage,
    response: ServerResponse,
  ) => {
    const runtime = runtimes.get(userId);
    if (!runtime?.running) {
      sendJson(response, 503, {
        error: { code: "not_running", message: "The runtime is not running." },
      });
      return;
    }
    const active = inFlight.get(userId) ?? [];
    inFlight.set(userId, active);
    const route = rest.split("?")[0] ?? rest;
    active.push(route);
    response.on("close", () => active.splice(active.indexOf(route), 1));
    // The host's credential stays here: the runtime has its own token.
    const forwarded: IncomingMessage["headers"] = {
      ...request.headers,
      host: `127.0.0.1:${runtime.port}`,
    };
    delete forwarded[SANDBOX_HOST_CREDENTIAL_HEADER];
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: runtime.port,
        method: request.method,
        path: rest,
        headers: forwarded,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on("error", () => response.destroy());
      },
    );
    // A caller that hangs up hangs up on the runtime too, which then ends the command.
    response.on("close", () => {
      if (!response.writableFinished) upstream.destroy();
    });
    upstream.on("error", (error) => {
      if (response.headersSent) response.destroy();
      else sendJson(response, 502, { error: { code: "runtime_gone", message: error.message } });
    });
    request.pipe(upstream);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const presented = request.headers[SANDBOX_HOST_CREDENTIAL_HEADER];
    if (!matchesSecret(typeof presented === "string" ? presented : undefined, options.credential)) {
      return sendJson(response, 401, {
        error: { code: "unauthorized", message: "Missing or wrong sandbox host credential." },
      });
    }
    const url = new URL(request.url ?? "/", "http://host");
    if (url.pathname === "/health") return sendJson(response, 200, { ok: true });
    const match = /^\/sandboxes\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const userId = match?.[1] ?? "";
    if (!match || !USER_ID.test(userId)) {
      return sendJson(response, 404, { error: { code: "not_found", message: "No such route." } });
    }
    const action = match[2] ?? "";
    if (action.startsWith("/runtime/")) {
      return proxy(userId, action.slice("/runtime".length) + url.search, request, response);
    }
    const route = `${request.method} ${action}`;
    if (route === "GET ") return sendJson(response, 200, status(userId));
    if (route === "POST /start") {
      const { token } = await readJson(request);
      if (typeof token !== "string" || token.length < 16) {
        return sendJson(response, 400, {
          error: { code: "bad_request", message: "Give a token." },
        });
      }
      const pending = (starting.get(userId) ?? Promise.resolve()).then(() => start(userId, token));
      starting.set(userId, pending.catch(() => undefined) as Promise<RuntimeProcess>);
      await pending;
      return sendJson(response, 200, status(userId));
    }
    if (route === "POST /kill" || route === "POST /stop") {
      await runtimes.get(userId)?.stop(route === "POST /kill" ? "SIGKILL" : "SIGTERM");
      return sendJson(response, 200, status(userId));
    }
    if (route === "DELETE ") {
      await runtimes.get(userId)?.stop("SIGTERM");
      runtimes.delete(userId);
      await rm(path.resolve(options.rootDir, userId), { recursive: true, force: true });
      return sendJson(response, 200, status(userId));
    }
    return sendJson(response, 404, { error: { code: "not_found", message: `No route ${route}.` } });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) {
        sendJson(response, 500, { error: { code: "internal", message: error.message } });
      }
    });
  });
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    confinement,
    async close() {
      await Promise.all([...runtimes.values()].map((runtime) => runtime.stop("SIGTERM")));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
