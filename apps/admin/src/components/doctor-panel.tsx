import type { DoctorCheck, DoctorReport } from "@molt/contracts";
import { useState } from "react";
import { runDoctor } from "../api/doctor-api";
import { useAction } from "../hooks/use-action";
import { ErrorMessage } from "./error-message";

const BADGES: Record<DoctorCheck["status"], { className: string; label: string }> = {
  ok: { className: "ok", label: "OK" },
  failed: { className: "failing", label: "Failed" },
  skipped: { className: "pending", label: "Skipped" },
};

/**
 * The dashboard's **Run checks**: asks the Worker to try each real binding once (R2, model,
 * browser, sandbox, Telegram, Slack, Access) and shows each result with its time and fix.
 */
export function DoctorPanel() {
  const [report, setReport] = useState<DoctorReport>();
  const action = useAction();
  const run = () => action.run(async () => setReport(await runDoctor()));

  return (
    <section data-testid="doctor">
      <div className="section-head">
        <h2>Checks</h2>
        <button type="button" onClick={run} disabled={action.busy}>
          {action.busy ? "Running…" : "Run checks"}
        </button>
      </div>
      <ErrorMessage message={action.error} />
      {!report && !action.busy && (
        <p className="muted">
          Tries every binding for real: a scratch R2 object, a one-token model call, a browser, the
          doctor's computer, the channels and Access.
        </p>
      )}
      {report && (
        <>
          <p data-testid="doctor-summary">
            <span className={`badge ${report.ok ? "ok" : "failing"}`}>
              {report.ok ? "All passed" : "Some failed"}
            </span>{" "}
            <span className="muted">
              {report.where === "local" ? "local stack" : "deployed Worker"}
            </span>
          </p>
          <ul className="rows">
            {report.checks.map((check) => (
              <DoctorCheckRow key={check.name} check={check} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DoctorCheckRow({ check }: { check: DoctorCheck }) {
  const badge = BADGES[check.status];
  return (
    <li
      className={`row check ${check.status === "failed" ? "failing" : "ok"}`}
      data-testid="doctor-check"
      data-check={check.name}
      data-status={check.status}
    >
      <div className="row-head">
        <span className={`badge ${badge.className}`}>{badge.label}</span>
        <strong>{check.name}</strong>
        <span className="muted" data-testid="doctor-check-time">
          {Math.round(check.durationMs)} ms
        </span>
      </div>
      <p className="small">{check.detail}</p>
      {check.fix && <p className="small error-inline">Fix: {check.fix}</p>}
    </li>
  );
}
