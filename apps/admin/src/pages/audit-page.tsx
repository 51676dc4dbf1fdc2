import { listAudit } from "../api/user-api";
import { ErrorMessage } from "../components/error-message";
import { formatTime } from "../components/section-state";
import { useAsyncData } from "../hooks/use-async-data";

export function AuditPage() {
  const audit = useAsyncData(listAudit);
  return (
    <section>
      <div className="section-head">
        <h2>Audit log</h2>
        <button type="button" className="secondary" onClick={audit.reload} disabled={audit.loading}>
          Refresh
        </button>
      </div>
      <ErrorMessage message={audit.error} />
      {audit.loading && !audit.data && <p className="muted">Loading…</p>}
      {audit.data?.length === 0 && <p className="muted">No admin actions yet.</p>}
      {audit.data && audit.data.length > 0 && (
        <table data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.map((entry) => (
              <tr key={entry.seq} data-testid="audit-row" data-action={entry.action}>
                <td className="nowrap">{formatTime(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>
                  <code>{entry.target}</code>
                </td>
                <td className="muted">{entry.detail ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
