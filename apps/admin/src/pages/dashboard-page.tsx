import { getConfig, getHealth } from "../api/admin-api";
import { ConfigCheckList } from "../components/config-check-list";
import { DoctorPanel } from "../components/doctor-panel";
import { ErrorMessage } from "../components/error-message";
import { WebhookStatusCard } from "../components/webhook-status-card";
import { useAsyncData } from "../hooks/use-async-data";

export function DashboardPage() {
  // Loaded apart: /health is public and answers even when the admin API is closed.
  const health = useAsyncData(getHealth);
  const config = useAsyncData(getConfig);

  return (
    <>
      <section>
        <h2>Status</h2>
        <ErrorMessage message={health.error} />
        {health.data && (
          <p data-testid="health">
            <span className={`badge ${health.data.ok ? "ok" : "failing"}`}>
              {health.data.ok ? "Healthy" : "Unhealthy"}
            </span>{" "}
            version <code data-testid="version">{health.data.version}</code>
          </p>
        )}
        {config.data && (
          <p>
            Signed in as <strong data-testid="admin-email">{config.data.admin}</strong>
          </p>
        )}
      </section>
      <section>
        <h2>Configuration</h2>
        <ErrorMessage message={config.error} />
        {config.loading && !config.data && <p className="muted">Loading…</p>}
        {config.data && <ConfigCheckList checks={config.data.checks} />}
      </section>
      <DoctorPanel />
      <WebhookStatusCard />
    </>
  );
}
