import type { AdminOverview } from "@molt/contracts";
import { compactNumber, plural } from "../format/plural";
import { formatDateTime, timeAgo } from "../format/readable-time";
import type { AsyncData } from "../hooks/use-async-data";
import { routeHref } from "../hooks/use-hash-route";
import { ActivityChart } from "./activity-chart";
import { ErrorMessage } from "./error-message";

function Tile({
  label,
  value,
  detail,
  tone,
  href,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  tone?: "ok" | "bad" | "warn";
  href?: string;
  testId: string;
}) {
  const body = (
    <>
      <span className="tile-label">{label}</span>
      <span className="tile-value" data-testid={`${testId}-value`}>
        {value}
      </span>
      {detail && <span className="tile-detail">{detail}</span>}
    </>
  );
  const className = `tile${tone ? ` tile-${tone}` : ""}`;
  return href ? (
    <a className={className} href={href} data-testid={testId}>
      {body}
    </a>
  ) : (
    <div className={className} data-testid={testId}>
      {body}
    </div>
  );
}

/** Is it working, and what is happening: today's numbers, model errors, and the last days. */
export function OverviewPanel({ overview }: { overview: AsyncData<AdminOverview> }) {
  const data = overview.data;
  return (
    <section className="overview" data-testid="overview">
      <h2>Today</h2>
      <ErrorMessage message={overview.error} />
      {overview.loading && !data && <p className="muted">Loading…</p>}
      {data && (
        <>
          {data.lastModelError && data.modelErrorsToday > 0 && (
            <p className="banner bad-banner" role="alert" data-testid="model-error-banner">
              The model failed{" "}
              {data.modelErrorsToday === 1 ? "once" : `${data.modelErrorsToday} times`} today; last{" "}
              {timeAgo(data.lastModelError.at)}:{" "}
              {data.lastModelError.model ? `${data.lastModelError.model}: ` : ""}
              {data.lastModelError.message}.
              {data.lastModelError.detail && (
                <span className="muted"> Provider said: {data.lastModelError.detail}</span>
              )}
            </p>
          )}
          <div className="tiles">
            <Tile
              label="People"
              value={compactNumber(data.people)}
              detail={`${data.activeToday} active today`}
              href={routeHref("users")}
              testId="tile-people"
            />
            <Tile
              label="Messages"
              value={compactNumber(data.messagesToday)}
              detail="received today"
              testId="tile-messages"
            />
            <Tile
              label="Tokens"
              value={compactNumber(data.tokensToday)}
              detail="used today"
              testId="tile-tokens"
            />
            <Tile
              label="Model errors"
              value={compactNumber(data.modelErrorsToday)}
              detail={
                data.lastModelError
                  ? `last ${formatDateTime(data.lastModelError.at)}`
                  : "none so far"
              }
              tone={data.modelErrorsToday > 0 ? "bad" : "ok"}
              testId="tile-model-errors"
            />
            <Tile
              label="Pairing"
              value={compactNumber(data.pendingPairing)}
              detail={data.pendingPairing > 0 ? "waiting for you" : "nobody waiting"}
              tone={data.pendingPairing > 0 ? "warn" : undefined}
              href={routeHref("pairing")}
              testId="tile-pairing"
            />
            <Tile
              label="Computers"
              value={compactNumber(data.sandboxesAwake)}
              detail={`awake of ${plural(data.people, "person", "people")}`}
              testId="tile-sandboxes"
            />
          </div>
          <h3 className="chart-title">Last {data.days.length} days</h3>
          <ActivityChart days={data.days} />
        </>
      )}
    </section>
  );
}
