import type { UserOverview } from "@molt/contracts";
import { useCallback } from "react";
import { getSandbox, listUserOverview } from "../api/user-api";
import { ErrorMessage } from "../components/error-message";
import { formatTime } from "../components/section-state";
import { useAsyncData } from "../hooks/use-async-data";
import { userHref } from "../hooks/use-hash-route";
import { useOptionalData } from "../hooks/use-optional-data";

export function UsersPage() {
  const users = useAsyncData(listUserOverview);
  return (
    <section>
      <div className="section-head">
        <h2>Users</h2>
        <button type="button" className="secondary" onClick={users.reload} disabled={users.loading}>
          Refresh
        </button>
      </div>
      <ErrorMessage message={users.error} />
      {users.loading && !users.data && <p className="muted">Loading…</p>}
      {users.data?.length === 0 && (
        <p className="muted">No users yet: approve a pairing request, or chat from the browser.</p>
      )}
      {users.data && users.data.length > 0 && (
        <table data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Identities</th>
              <th scope="col">Last activity</th>
              <th scope="col">Messages today</th>
              <th scope="col">Tokens today (in / out)</th>
              <th scope="col">Sandbox</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <UserTableRow key={user.userId} user={user} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UserTableRow({ user }: { user: UserOverview }) {
  const { activity } = user;
  return (
    <tr data-testid="users-row" data-user-id={user.userId}>
      <td>
        <a href={userHref(user.userId)} data-testid="user-link">
          {user.displayName ?? user.userId}
        </a>
        <div className="muted small">{user.userId}</div>
      </td>
      <td>
        {user.identities.map((identity) => (
          <code key={identity} className="chip">
            {identity}
          </code>
        ))}
      </td>
      <td>{formatTime(activity?.lastActivityAt)}</td>
      <td data-testid="messages-today">{activity?.messagesToday ?? "?"}</td>
      <td>{activity ? `${activity.inputTokensToday} / ${activity.outputTokensToday}` : "?"}</td>
      <td>
        <SandboxBadge userId={user.userId} />
      </td>
    </tr>
  );
}

function SandboxBadge({ userId }: { userId: string }) {
  const load = useCallback(() => getSandbox(userId), [userId]);
  const { result } = useOptionalData(load);
  if (result.state === "ready") {
    const ok = result.data.state === "running" || result.data.state === "sleeping";
    return <span className={`badge ${ok ? "ok" : "failing"}`}>{result.data.state}</span>;
  }
  if (result.state === "loading") return <span className="muted">…</span>;
  return (
    <span className="muted" title={result.state === "error" ? result.message : undefined}>
      n/a
    </span>
  );
}
