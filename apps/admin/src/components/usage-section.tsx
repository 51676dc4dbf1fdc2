import { type FormEvent, useCallback, useState } from "react";
import { getUsage, setDailyTokenLimit } from "../api/user-api";
import { useAction } from "../hooks/use-action";
import { useOptionalData } from "../hooks/use-optional-data";
import { ErrorMessage } from "./error-message";
import { SectionState } from "./section-state";

/** Today's token use against the person's daily cap, and the cap itself. */
export function UsageSection({ userId }: { userId: string }) {
  const load = useCallback(() => getUsage(userId), [userId]);
  const { result, reload } = useOptionalData(load);
  const save = useAction();
  const [limit, setLimit] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(async () => {
      await setDailyTokenLimit(userId, limit.trim() ? Number(limit) : null);
      setLimit("");
      await reload();
    });
  };

  const usage = result.state === "ready" ? result.data : undefined;
  return (
    <section data-testid="usage-section">
      <h2>Usage today</h2>
      <SectionState result={result} what="usage" />
      {usage && (
        <>
          <dl className="facts">
            <dt>Day (UTC)</dt>
            <dd>{usage.day}</dd>
            <dt>Tokens in / out</dt>
            <dd>
              {usage.inputTokens} / {usage.outputTokens} in {usage.turns} turns
            </dd>
            <dt>Cached input tokens</dt>
            <dd data-testid="usage-cached">
              {usage.cachedInputTokens} of {usage.inputTokens}
              {usage.inputTokens > 0
                ? ` (${Math.round((100 * usage.cachedInputTokens) / usage.inputTokens)}%)`
                : ""}
            </dd>
            <dt>Daily cap</dt>
            <dd>
              {usage.dailyLimit === null
                ? "none"
                : `${usage.dailyLimit} (${usage.remaining ?? 0} left)`}
            </dd>
          </dl>
          <form className="inline-form" onSubmit={submit}>
            <input
              type="number"
              min={1}
              value={limit}
              onChange={(event) => setLimit(event.target.value)}
              placeholder="tokens per day (empty: no cap)"
              aria-label="Daily token cap"
            />
            <button type="submit" className="secondary" disabled={save.busy}>
              Set cap
            </button>
          </form>
          <ErrorMessage message={save.error} />
        </>
      )}
    </section>
  );
}
