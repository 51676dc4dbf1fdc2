import { useCallback } from "react";
import {
  addOperatorMcpServer,
  listOperatorMcpServers,
  removeOperatorMcpServer,
} from "../api/mcp-api";
import { useAction } from "../hooks/use-action";
import { useOptionalData } from "../hooks/use-optional-data";
import { ErrorMessage } from "./error-message";
import { McpServerForm } from "./mcp-server-form";
import { SectionState } from "./section-state";

/**
 * The operator's MCP servers: every person's agent connects them on its next turn. Their state
 * and tools show per person (a server behind OAuth needs each person's own sign-in).
 */
export function OperatorMcpSection() {
  const load = useCallback(() => listOperatorMcpServers(), []);
  const { result, reload } = useOptionalData(load);
  const action = useAction();
  const servers = result.state === "ready" ? result.data : undefined;
  const act = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      await reload();
    });

  return (
    <section data-testid="operator-mcp-section">
      <h2>MCP servers for everybody</h2>
      <SectionState result={result} what="the MCP servers" />
      {servers && (
        <>
          {servers.servers.length === 0 && <p className="muted">None yet.</p>}
          <ul className="plain-list">
            {servers.servers.map((server) => (
              <li key={server.name} data-testid="operator-mcp-server">
                <strong>{server.name}</strong> <span className="muted">{server.url}</span>{" "}
                <button
                  type="button"
                  disabled={action.busy}
                  onClick={() => act(() => removeOperatorMcpServer(server.name))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <McpServerForm
            busy={action.busy}
            onAdd={(url, name) => act(() => addOperatorMcpServer({ url, name }))}
          />
          <p className="muted">
            Each person's agent connects these on its next turn; their state and tools show on the
            person's page.{" "}
            {servers.allowUserServers
              ? "People may also add their own with /mcp add."
              : "People cannot add their own (MCP_ALLOW_USER_SERVERS is off)."}
          </p>
          <ErrorMessage message={action.error} />
        </>
      )}
    </section>
  );
}
