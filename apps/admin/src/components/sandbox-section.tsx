import type { SandboxProcessLogs } from "@molt/contracts";
import { useCallback, useState } from "react";
import { getProcessLogs, getSandbox, listSandboxProcesses, sandboxAction } from "../api/user-api";
import { useAction } from "../hooks/use-action";
import { useOptionalData } from "../hooks/use-optional-data";
import { ErrorMessage } from "./error-message";
import { formatTime, SectionState } from "./section-state";

/** The user's computer: its state, processes and their logs; restart or destroy it. */
export function SandboxSection({ userId }: { userId: string }) {
  const loadStatus = useCallback(() => getSandbox(userId), [userId]);
  const status = useOptionalData(loadStatus);
  const action = useAction();

  const act = (which: "restart" | "destroy") =>
    action.run(async () => {
      if (which === "destroy" && !window.confirm("Destroy the sandbox? Files stay in R2.")) return;
      await sandboxAction(userId, which);
      await status.reload();
    });

  const sandbox = status.result.state === "ready" ? status.result.data : undefined;
  return (
    <section data-testid="sandbox-section">
      <h2>Sandbox</h2>
      <SectionState result={status.result} what="the sandbox" />
      {sandbox && (
        <>
          <dl className="facts">
            <dt>State</dt>
            <dd>
              <span className="badge" data-testid="sandbox-state">
                {sandbox.state}
              </span>
              {sandbox.error && <span className="error-inline"> {sandbox.error}</span>}
            </dd>
            <dt>Started</dt>
            <dd>{formatTime(sandbox.startedAt)}</dd>
            <dt>Last activity</dt>
            <dd>{formatTime(sandbox.lastActivityAt)}</dd>
          </dl>
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => act("restart")}
              disabled={action.busy}
              data-testid="sandbox-restart"
            >
              Restart
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => act("destroy")}
              disabled={action.busy}
              data-testid="sandbox-destroy"
            >
              Destroy
            </button>
          </div>
          <ErrorMessage message={action.error} />
          <h3>Processes</h3>
          {sandbox.state === "running" ? (
            <SandboxProcesses userId={userId} />
          ) : (
            // Listing processes would start the container; a sleeping sandbox has none anyway.
            <p className="muted">The sandbox is {sandbox.state}: no processes.</p>
          )}
        </>
      )}
    </section>
  );
}

function SandboxProcesses({ userId }: { userId: string }) {
  const load = useCallback(() => listSandboxProcesses(userId), [userId]);
  const processes = useOptionalData(load);
  const action = useAction();
  const [logs, setLogs] = useState<SandboxProcessLogs>();
  const list = processes.result.state === "ready" ? processes.result.data : [];
  return (
    <>
      <SectionState result={processes.result} what="processes" />
      {processes.result.state === "ready" && list.length === 0 && (
        <p className="muted">No processes.</p>
      )}
      <ul className="rows">
        {list.map((process) => (
          <li key={process.id} className="row" data-testid="sandbox-process">
            <div className="row-head">
              <code>{process.command}</code>
              <span className="badge">{process.status}</span>
              {process.exitCode !== null && <span className="muted">exit {process.exitCode}</span>}
              <span className="muted">{formatTime(process.startedAt)}</span>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  action.run(async () => setLogs(await getProcessLogs(userId, process.id)))
                }
              >
                Logs
              </button>
            </div>
          </li>
        ))}
      </ul>
      {logs && (
        <div data-testid="sandbox-logs">
          <h3>
            Logs of <code>{logs.id}</code>
            {logs.truncated && <span className="muted"> (truncated)</span>}
          </h3>
          <pre className="logs">{logs.output || "(no output)"}</pre>
        </div>
      )}
      <ErrorMessage message={action.error} />
    </>
  );
}
