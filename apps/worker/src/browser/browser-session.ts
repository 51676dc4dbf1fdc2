import puppeteer, { type Browser, type BrowserWorker } from "@cloudflare/puppeteer";

/** How long Browser Rendering keeps an idle session for the next call (its maximum is 10 min). */
export const BROWSER_KEEP_ALIVE_MS = 600_000;
/** The wait suggested when the service is busy but does not say for how long. */
const DEFAULT_BUSY_WAIT_SECONDS = 30;

/** What a person's browser is: the session it runs in and the tab that is theirs. */
export interface BrowserState {
  sessionId: string;
  /** The DevTools target id of the person's tab, once one is open. */
  targetId?: string;
}

/** Where a person's browser state survives between calls (their agent's SQLite). */
export interface BrowserStateStore {
  load(): BrowserState | undefined;
  save(state: BrowserState): void;
}

/** The service has no browser for us now; the model tells the person to try again later. */
export class BrowserBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The browser is busy: try again in ${retryAfterSeconds} s.`);
    this.name = "BrowserBusyError";
  }
}

/**
 * Connects to the person's browser session, reusing the one kept alive from earlier calls when
 * it still exists and nobody else is connected to it; otherwise acquires a new one, within the
 * account's limits. The caller must `disconnect()` (never `close()`) so the session lives on.
 */
export async function connectBrowser(
  endpoint: BrowserWorker,
  store: BrowserStateStore,
): Promise<{ browser: Browser; state: BrowserState }> {
  const saved = store.load();
  if (saved && (await isFreeSession(endpoint, saved.sessionId))) {
    try {
      return { browser: await puppeteer.connect(endpoint, saved.sessionId), state: saved };
    } catch {
      // Taken or closed since we listed it: fall through to a new session.
    }
  }
  const sessionId = await acquireSession(endpoint);
  const state: BrowserState = { sessionId };
  store.save(state);
  return { browser: await puppeteer.connect(endpoint, sessionId), state };
}

async function isFreeSession(endpoint: BrowserWorker, sessionId: string): Promise<boolean> {
  const sessions = await puppeteer.sessions(endpoint);
  const session = sessions.find((candidate) => candidate.sessionId === sessionId);
  return session !== undefined && !session.connectionId;
}

async function acquireSession(endpoint: BrowserWorker): Promise<string> {
  const limits = await puppeteer.limits(endpoint);
  if (limits.allowedBrowserAcquisitions <= 0) {
    throw new BrowserBusyError(toSeconds(limits.timeUntilNextAllowedBrowserAcquisition));
  }
  try {
    const { sessionId } = await puppeteer.acquire(endpoint, { keep_alive: BROWSER_KEEP_ALIVE_MS });
    return sessionId;
  } catch (error) {
    // The client reports a refused launch only in its message: "code: 429: message: ...".
    if (/code: 429\b/.test(String(error))) {
      const retry = await puppeteer.limits(endpoint).catch(() => undefined);
      throw new BrowserBusyError(toSeconds(retry?.timeUntilNextAllowedBrowserAcquisition));
    }
    throw error;
  }
}

function toSeconds(milliseconds: number | undefined): number {
  if (!milliseconds || milliseconds <= 0) return DEFAULT_BUSY_WAIT_SECONDS;
  return Math.ceil(milliseconds / 1000);
}
