import { getWebhookStatus } from "../api/user-api";
import { useAsyncData } from "../hooks/use-async-data";
import { formatTime } from "./section-state";

/** Telegram's own view of the webhook: where it points, what waits, the last delivery error. */
export function WebhookStatusCard() {
  const webhook = useAsyncData(getWebhookStatus);
  return (
    <section data-testid="webhook-status">
      <div className="section-head">
        <h2>Telegram webhook</h2>
        <button
          type="button"
          className="secondary"
          onClick={webhook.reload}
          disabled={webhook.loading}
        >
          Refresh
        </button>
      </div>
      {webhook.loading && !webhook.data && <p className="muted">Asking Telegram…</p>}
      {webhook.error && (
        <p className="muted" data-testid="webhook-unavailable">
          Not available: {webhook.error}
        </p>
      )}
      {webhook.data && (
        <dl className="facts">
          <dt>URL</dt>
          <dd data-testid="webhook-url">
            {webhook.data.url ? <code>{webhook.data.url}</code> : "not set (run setup:telegram)"}
          </dd>
          <dt>Pending updates</dt>
          <dd data-testid="webhook-pending">{webhook.data.pendingUpdates}</dd>
          <dt>Last error</dt>
          <dd data-testid="webhook-last-error">
            {webhook.data.lastErrorMessage
              ? `${webhook.data.lastErrorMessage} (${formatTime(webhook.data.lastErrorAt)})`
              : "none"}
          </dd>
        </dl>
      )}
    </section>
  );
}
