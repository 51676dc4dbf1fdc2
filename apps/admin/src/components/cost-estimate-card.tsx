import { Fragment, useCallback } from "react";
import { getDayCostEstimate } from "../api/cost-api";
import { useOptionalData } from "../hooks/use-optional-data";
import { SectionState } from "./section-state";

const LABELS = {
  workers: "Workers",
  "durable-objects": "Durable Objects",
  r2: "R2",
  containers: "Container",
} as const;

/** Formats small amounts so a fraction of a cent still shows as a number. */
function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  return usd < 0.01 ? `$${usd.toPrecision(2)}` : `$${usd.toFixed(2)}`;
}

/** Today's platform cost of this person, estimated from what the agent counted. */
export function CostEstimateCard({ userId }: { userId: string }) {
  const load = useCallback(() => getDayCostEstimate(userId), [userId]);
  const { result } = useOptionalData(load);
  const estimate = result.state === "ready" ? result.data : undefined;
  return (
    <section data-testid="cost-estimate">
      <h2>Cost today (estimate)</h2>
      <SectionState result={result} what="cost estimate" />
      {estimate && (
        <>
          <dl className="facts">
            {estimate.lines.map((line) => (
              <Fragment key={line.item}>
                <dt>{LABELS[line.item]}</dt>
                <dd>
                  {formatUsd(line.usd)} <span className="muted">({line.basis})</span>
                </dd>
              </Fragment>
            ))}
            <dt>Total</dt>
            <dd data-testid="cost-total">
              <strong>{formatUsd(estimate.totalUsd)}</strong> for {estimate.turns} turn(s)
            </dd>
          </dl>
          <p className="small muted">
            List prices beyond the Workers Paid plan's included usage, model tokens not included;
            prices as of {estimate.pricesAsOf}.
          </p>
        </>
      )}
    </section>
  );
}
