import { getConfig, getHealth } from "../api/admin-api";
import { getOverview } from "../api/overview-api";
import { ConfigCheckList } from "../components/config-check-list";
import { DoctorPanel } from "../components/doctor-panel";
import { ErrorMessage } from "../components/error-message";
import { OperatorMcpSection } from "../components/operator-mcp-section";
import { OverviewPanel } from "../components/overview-panel";
import { WebhookStatusCard } from "../components/webhook-status-card";
import { withModelHealth } from "../format/model-health-check";
import { useAsyncData } from "../hooks/use-async-data";

/**
 * The overview first, then the setup. Each part is a self-contained section in one column of
 * cards (two on wide screens), so a new panel is one more element in the grid.
 */
export function DashboardPage() {
  // Loaded apart: /health is public and answers even when the admin API is closed.
  const health = useAsyncData(getHealth);
  const config = useAsyncData(getConfig);
  // Shared: the overview's model errors also tell the model row whether its last call failed.
  const overview = useAsyncData(getOverview);
  const failing = config.data?.checks.filter((check) => !check.ok).length ?? 0;

  return (
    <div className="dashboard">
      <OverviewPanel overview={overview} />
      <div className="dashboard-grid">
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
          {config.data && (
            <p className="muted" data-testid="setup-summary">
              {failing === 0
                ? "Everything is set up."
                : `${failing} of ${config.data.checks.length} parts need setup: see below.`}
            </p>
          )}
        </section>
        <WebhookStatusCard />
      </div>
      <section>
        <h2>Configuration</h2>
        <ErrorMessage message={config.error} />
        {config.loading && !config.data && <p className="muted">Loading…</p>}
        {config.data && (
          <ConfigCheckList checks={withModelHealth(config.data.checks, overview.data)} />
        )}
      </section>
      <OperatorMcpSection />
      <DoctorPanel />
    </div>
  );
}
