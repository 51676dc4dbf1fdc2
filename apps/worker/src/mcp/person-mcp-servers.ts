import {
  type McpServerScope,
  type McpServerState,
  type McpServerSummary,
  mcpServerNameSchema,
  type OperatorMcpServer,
} from "@molt/contracts";
import { type Agent, normalizeServerId } from "agents";
import { readWorkerConfig } from "../config/worker-config";
import { mcpOAuthCallbackPath } from "./mcp-oauth-callback-path";
import { McpServerBook, type McpServerEntry } from "./mcp-server-book";
import { nameMcpTools, type ReadyMcpServer, type SdkMcpTool } from "./mcp-turn-tools";
import { checkMcpServerUrl } from "./mcp-url-policy";

/** How long a turn waits for servers still connecting (after the agent woke) before it starts. */
export const MCP_CONNECT_WAIT_MS = 5_000;

/** How long `test` and a turn's one retry of a failed server may take. */
export const MCP_RECONNECT_TIMEOUT_MS = 8_000;

/** A failed server is retried by a turn at most this often, so a dead one costs no turn much. */
export const MCP_TURN_RETRY_INTERVAL_MS = 60_000;

/** The agents SDK's MCP client, as the UserAgent (an `Agent`) offers it. */
export type McpClientHost = Pick<
  Agent<Env>,
  "addMcpServer" | "removeMcpServer" | "getMcpServers" | "mcp"
>;

export type McpAddResult = { ok: true; server: McpServerSummary } | { ok: false; reason: string };

export interface NewMcpServer {
  name: string;
  url: string;
  scope: McpServerScope;
  addedBy: string;
  /** Where OAuth sign-ins come back to: the admin UI's origin, else PUBLIC_URL. */
  callbackOrigin?: string;
}

/** What a turn gets from the person's MCP servers: the ready ones, and a note for each other. */
export interface McpTurnServers {
  ready: ReadyMcpServer[];
  notices: string[];
}

/**
 * One person's MCP servers, their own and the operator's, connected through the agents SDK's
 * MCP client (which stores each server, its connection options and its OAuth tokens in the
 * agent's own storage). This adds the name people use, the scope and who added it, the URL
 * rules, and what a turn may be offered.
 */
export class PersonMcpServers {
  private readonly book: McpServerBook;
  /** When a turn last retried each failed server (this wake of the agent only). */
  private readonly lastTurnRetry = new Map<string, number>();

  constructor(
    private readonly userId: string,
    private readonly env: Env,
    sql: SqlStorage,
    private readonly host: McpClientHost,
  ) {
    this.book = new McpServerBook(sql);
  }

  hasAny(): boolean {
    return this.book.list().length > 0;
  }

  async add(server: NewMcpServer, now: number): Promise<McpAddResult> {
    const name = mcpServerNameSchema.safeParse(server.name);
    if (!name.success) return { ok: false, reason: name.error.issues[0]?.message ?? "bad name" };
    if (this.book.find(name.data)) {
      return { ok: false, reason: `There is already an MCP server named "${name.data}".` };
    }
    const checked = await checkMcpServerUrl(this.env, server.url);
    if (!checked.ok) return { ok: false, reason: checked.reason };
    const entry = { ...server, name: name.data, url: checked.url };
    const connected = await this.connect(entry, now);
    if (!connected.ok) return connected;
    return { ok: true, server: this.summaryOf(connected.entry) };
  }

  /** False when no server has that name. */
  async remove(name: string, scope?: McpServerScope): Promise<boolean> {
    const entry = this.book.find(name);
    if (!entry || (scope && entry.scope !== scope)) return false;
    await this.host.removeMcpServer(entry.serverId);
    this.book.remove(entry.serverId);
    return true;
  }

  list(): McpServerSummary[] {
    return this.book.list().map((entry) => this.summaryOf(entry));
  }

  find(name: string): McpServerSummary | undefined {
    const entry = this.book.find(name);
    return entry ? this.summaryOf(entry) : undefined;
  }

  /** Connects again and lists the tools again; the summary says how it went. */
  async test(name: string): Promise<McpServerSummary | undefined> {
    const entry = this.book.find(name);
    if (!entry) return undefined;
    await this.reconnect(entry.serverId);
    return this.summaryOf(entry);
  }

  /**
   * Brings the operator's servers in step with the operator's list: new ones are connected, and
   * ones the operator removed (or pointed elsewhere) are removed. A person's own server keeps its
   * name; an operator server of the same name is left out and named in the notices.
   */
  async syncOperatorServers(list: readonly OperatorMcpServer[]): Promise<string[]> {
    const notices: string[] = [];
    const wanted = new Map(list.map((server) => [server.name.toLowerCase(), server]));
    for (const entry of this.book.list()) {
      if (entry.scope !== "operator") continue;
      const server = wanted.get(entry.name.toLowerCase());
      if (server && server.url === entry.url) continue;
      await this.host.removeMcpServer(entry.serverId);
      this.book.remove(entry.serverId);
    }
    for (const server of list) {
      const existing = this.book.find(server.name);
      if (existing?.scope === "operator") continue;
      if (existing) {
        notices.push(
          `The operator's MCP server "${server.name}" is left out: your own server has that name.`,
        );
        continue;
      }
      const checked = await checkMcpServerUrl(this.env, server.url);
      if (!checked.ok) {
        notices.push(`The operator's MCP server "${server.name}" is refused: ${checked.reason}`);
        continue;
      }
      const entry = { ...server, url: checked.url, scope: "operator" as const };
      // Kept even when it cannot connect now: the agents SDK tries again when the agent wakes.
      await this.connect(entry, server.addedAt, { keepOnFailure: true });
    }
    return notices;
  }

  /**
   * The servers a turn can use. Servers still connecting after the agent woke get a short
   * wait; a failed one gets one bounded retry. A server that is down or waiting for sign-in
   * never fails the turn: it is left out and named in a notice.
   */
  async forTurn(): Promise<McpTurnServers> {
    const entries = this.book.list();
    if (entries.length === 0) return { ready: [], notices: [] };
    await this.host.mcp.waitForConnections({ timeout: MCP_CONNECT_WAIT_MS });
    const now = Date.now();
    for (const entry of entries) {
      if (this.stateOf(entry.serverId) !== "failed") continue;
      const last = this.lastTurnRetry.get(entry.serverId) ?? 0;
      if (now - last < MCP_TURN_RETRY_INTERVAL_MS) continue;
      this.lastTurnRetry.set(entry.serverId, now);
      await this.reconnect(entry.serverId);
    }
    const ready: ReadyMcpServer[] = [];
    const notices: string[] = [];
    for (const entry of entries) {
      const state = this.stateOf(entry.serverId);
      if (state === "ready") {
        ready.push({
          name: entry.name,
          tools: this.sdkToolsOf(entry.serverId),
          onCallFailed: (error) => this.afterFailedCall(entry, error),
        });
      } else if (state === "authenticating") {
        notices.push(
          `_MCP server "${entry.name}" needs you to sign in; its tools were left out. Send /mcp list in a private chat for the link._`,
        );
      } else {
        const error = this.host.getMcpServers().servers[entry.serverId]?.error;
        notices.push(
          `_MCP server "${entry.name}" is unavailable (${plainError(error) ?? state}); its tools were left out of this answer._`,
        );
      }
    }
    return { ready, notices };
  }

  /**
   * A call refused for its sign-in (the tokens were revoked, or the refresh token no longer
   * works): connecting again starts a new sign-in, so the server's state says "needs sign-in"
   * with a fresh link instead of staying "ready".
   */
  private async afterFailedCall(
    entry: McpServerEntry,
    error: unknown,
  ): Promise<string | undefined> {
    if (!isAuthFailure(error)) return undefined;
    await this.reconnect(entry.serverId);
    if (this.stateOf(entry.serverId) !== "authenticating") return undefined;
    return `The sign-in to "${entry.name}" no longer works: the person must sign in again (/mcp list gives the link).`;
  }

  private async connect(
    entry: Omit<McpServerEntry, "serverId" | "addedAt"> & { callbackOrigin?: string },
    now: number,
    options: { keepOnFailure?: boolean } = {},
  ): Promise<{ ok: true; entry: McpServerEntry } | { ok: false; reason: string }> {
    const serverId = normalizeServerId(`${entry.scope}-${entry.name}`);
    const origin = entry.callbackOrigin ?? readWorkerConfig(this.env).values.PUBLIC_URL;
    const stored: McpServerEntry = {
      serverId,
      name: entry.name,
      url: entry.url,
      scope: entry.scope,
      addedBy: entry.addedBy,
      addedAt: now,
    };
    try {
      await this.host.addMcpServer(entry.name, entry.url, {
        id: serverId,
        ...(origin
          ? {
              callbackHost: new URL(origin).origin,
              callbackPath: mcpOAuthCallbackPath(this.userId),
            }
          : {}),
        transport: { type: "auto" },
        retry: { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 },
      });
      this.book.add(stored);
      return { ok: true, entry: stored };
    } catch (error) {
      if (options.keepOnFailure) {
        this.book.add(stored);
        return { ok: true, entry: stored };
      }
      await this.host.removeMcpServer(serverId).catch(() => undefined);
      return { ok: false, reason: explainConnectFailure(entry.url, error, origin) };
    }
  }

  private async reconnect(serverId: string): Promise<void> {
    const { mcp } = this.host;
    if (!mcp.mcpConnections[serverId]) return;
    const attempt = (async () => {
      const result = await mcp.connectToServer(serverId);
      if (result.state === "connected") {
        await mcp.discoverIfConnected(serverId, { timeoutMs: MCP_RECONNECT_TIMEOUT_MS });
      }
    })().catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, MCP_RECONNECT_TIMEOUT_MS);
    });
    await Promise.race([attempt, deadline]);
    clearTimeout(timer);
  }

  private stateOf(serverId: string): McpServerState {
    const state = this.host.getMcpServers().servers[serverId]?.state;
    return isKnownState(state) ? state : "not-connected";
  }

  /** The SDK's converted tools of one server, keyed by the server's own tool names. */
  private sdkToolsOf(serverId: string): Map<string, SdkMcpTool> {
    const prefix = `tool_${serverId.replace(/-/g, "")}_`;
    const tools = new Map<string, SdkMcpTool>();
    for (const [key, tool] of Object.entries(this.host.mcp.getAITools({ serverId }))) {
      if (key.startsWith(prefix)) tools.set(key.slice(prefix.length), tool as SdkMcpTool);
    }
    return tools;
  }

  private summaryOf(entry: McpServerEntry): McpServerSummary {
    const server = this.host.getMcpServers().servers[entry.serverId];
    const state = this.stateOf(entry.serverId);
    const rawTools = state === "ready" ? this.host.mcp.listTools({ serverId: entry.serverId }) : [];
    return {
      name: entry.name,
      url: entry.url,
      scope: entry.scope,
      state,
      error: state === "ready" ? null : (plainError(server?.error) ?? null),
      authUrl: state === "authenticating" ? (server?.auth_url ?? null) : null,
      tools: nameMcpTools(entry.name, rawTools, new Set()),
      addedBy: entry.addedBy,
      addedAt: entry.addedAt,
    };
  }
}

const KNOWN_STATES = new Set<string>([
  "ready",
  "authenticating",
  "connecting",
  "connected",
  "discovering",
  "failed",
  "not-connected",
]);

function isKnownState(state: unknown): state is McpServerState {
  return typeof state === "string" && KNOWN_STATES.has(state);
}

function isAuthFailure(error: unknown): boolean {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  return (
    name === "UnauthorizedError" ||
    /unauthori[sz]ed|invalid_token|invalid_grant|\b401\b/i.test(message)
  );
}

/** An SDK error on one line and short: it names what failed, never a token. */
function plainError(error: string | null | undefined): string | undefined {
  if (!error) return undefined;
  const flat = error.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

function explainConnectFailure(url: string, error: unknown, origin: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/requires OAuth/i.test(message) && !origin) {
    return `${url} needs you to sign in, and sign-in links need PUBLIC_URL (the Worker's public address), which is not set. Ask the operator to set it, or to add the server on the admin UI.`;
  }
  return `Could not connect to ${url}: ${plainError(message) ?? "no reason given"}`;
}
