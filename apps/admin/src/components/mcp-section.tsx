import type { McpServerSummary } from "@molt/contracts";
import { useCallback } from "react";
import {
  addPersonMcpServer,
  listPersonMcpServers,
  removePersonMcpServer,
  testPersonMcpServer,
} from "../api/mcp-api";
import { useAction } from "../hooks/use-action";
import { useOptionalData } from "../hooks/use-optional-data";
import { ErrorMessage } from "./error-message";
import { McpServerForm } from "./mcp-server-form";
import { SectionState } from "./section-state";

const STATE_LABEL: Record<McpServerSummary["state"], string> = {
  ready: "ready",
  authenticating: "needs sign-in",
  connecting: "connecting",
  connected: "connected",
  discovering: "listing tools",
  failed: "unavailable",
  "not-connected": "not connected yet",
};

/** One person's MCP servers: theirs and the operator's, with state, tools and sign-in links. */
export function McpSection({ userId }: { userId: string }) {
  const load = useCallback(() => listPersonMcpServers(userId), [userId]);
  const { result, reload } = useOptionalData(load);
  const action = useAction();
  const servers = result.state === "ready" ? result.data : undefined;
  const act = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      await reload();
    });

  return (
    <section data-testid="mcp-section">
      <h2>MCP servers</h2>
      <SectionState result={result} what="the MCP servers" />
      {servers && (
        <>
          {servers.servers.length === 0 && <p className="muted">No MCP servers.</p>}
          <ul className="plain-list">
            {servers.servers.map((server) => (
              <li key={server.name} data-testid="mcp-server">
                <strong>{server.name}</strong>{" "}
                <span className={`badge ${server.state === "ready" ? "ok" : "failing"}`}>
                  {STATE_LABEL[server.state]}
                </span>{" "}
                <span className="muted">
                  {server.scope === "operator" ? "for everybody" : "this person's"} · {server.url}
                </span>
                {server.error && <p className="muted">{server.error}</p>}
                {server.authUrl && (
                  <p>
                    <a href={server.authUrl} target="_blank" rel="noreferrer noopener">
                      Sign in to {server.name}
                    </a>
                  </p>
                )}
                {server.tools.length > 0 && (
                  <p className="muted" data-testid="mcp-tools">
                    Tools: {server.tools.map((tool) => tool.name).join(", ")}
                  </p>
                )}
                <button
                  type="button"
                  disabled={action.busy}
                  onClick={() => act(() => testPersonMcpServer(userId, server.name))}
                >
                  Test
                </button>{" "}
                {server.scope === "person" && (
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() => act(() => removePersonMcpServer(userId, server.name))}
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          <McpServerForm
            busy={action.busy}
            onAdd={(url, name) => act(() => addPersonMcpServer(userId, { url, name }))}
          />
          <p className="muted">
            {servers.allowUserServers
              ? "They can add their own with /mcp add <url>."
              : "Only you can add servers for them (MCP_ALLOW_USER_SERVERS is off)."}
          </p>
          <ErrorMessage message={action.error} />
        </>
      )}
    </section>
  );
}
