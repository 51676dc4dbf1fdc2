import type { UserSummary } from "@molt/contracts";
import { revokeIdentity } from "../api/admin-api";
import { useAction } from "../hooks/use-action";
import { ErrorMessage } from "./error-message";

interface UserListProps {
  users: UserSummary[];
  onChanged: () => Promise<void>;
}

export function UserList({ users, onChanged }: UserListProps) {
  if (users.length === 0) return <p className="muted">No users yet.</p>;
  return (
    <ul className="rows">
      {users.map((user) => (
        <UserRow key={user.userId} user={user} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function UserRow({ user, onChanged }: { user: UserSummary; onChanged: () => Promise<void> }) {
  const { busy, error, run } = useAction();

  const revoke = (identity: string) =>
    run(async () => {
      await revokeIdentity(identity);
      await onChanged();
    });

  return (
    <li className="row" data-testid="user-row" data-user-id={user.userId}>
      <div className="row-head">
        <strong>{user.displayName ?? user.userId}</strong>
        <span className="muted">{user.userId}</span>
      </div>
      {user.identities.length === 0 && <p className="muted">No identities left.</p>}
      <ul className="identities">
        {user.identities.map((identity) => (
          <li key={identity} data-testid="user-identity" data-identity={identity}>
            <code>{identity}</code>
            <button
              type="button"
              className="danger"
              onClick={() => revoke(identity)}
              disabled={busy}
              data-testid="identity-revoke"
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage message={error} />
    </li>
  );
}
