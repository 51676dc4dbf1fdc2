import type { BrowserWorker } from "@cloudflare/puppeteer";
import { z } from "zod";

const versionSchema = z.object({ webSocketDebuggerUrl: z.string() });

/** Locally nothing limits acquisitions; these numbers only keep the limits check honest. */
const LOCAL_MAX_SESSIONS = 100;

/**
 * A stand-in for the Browser Rendering binding that drives a local Chromium started with
 * `--remote-debugging-port`. It answers the same HTTP API `@cloudflare/puppeteer` calls on
 * `env.BROWSER` (acquire, sessions, limits, and the WebSocket upgrade to a session), so the
 * page-driving code is exactly the production code. The one Chromium is one session: people are
 * kept apart by the tab each of them owns, not by separate browsers.
 */
export function createLocalBrowserEndpoint(cdpUrl: string): BrowserWorker {
  const base = new URL(cdpUrl);
  const browserId = async (): Promise<string> => {
    const response = await fetch(new URL("/json/version", base));
    if (!response.ok) throw new Error(`local Chromium answered HTTP ${response.status}`);
    const { webSocketDebuggerUrl } = versionSchema.parse(await response.json());
    return webSocketDebuggerUrl.split("/").at(-1) ?? "";
  };
  const handle = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (request.method === "POST" && pathname === "/v1/devtools/browser") {
      return Response.json({ sessionId: await browserId() });
    }
    if (pathname === "/v1/sessions") {
      return Response.json({ sessions: [{ sessionId: await browserId(), startTime: 0 }] });
    }
    if (pathname === "/v1/limits") {
      return Response.json({
        activeSessions: [{ id: await browserId() }],
        maxConcurrentSessions: LOCAL_MAX_SESSIONS,
        allowedBrowserAcquisitions: LOCAL_MAX_SESSIONS,
        timeUntilNextAllowedBrowserAcquisition: 0,
      });
    }
    const session = /^\/v1\/devtools\/browser\/([\w-]+)$/.exec(pathname)?.[1];
    if (session && request.headers.get("upgrade") === "websocket") {
      // workerd opens outbound WebSockets through fetch with an Upgrade header on an http URL.
      return fetch(new URL(`/devtools/browser/${session}`, base), {
        headers: { Upgrade: "websocket" },
      });
    }
    return new Response(`no local browser route for ${request.method} ${pathname}`, {
      status: 404,
    });
  };
  return {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      handle(new Request(input, init))) as typeof fetch,
  };
}
