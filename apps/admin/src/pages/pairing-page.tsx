import type { ApprovePairingResult } from "@molt/contracts";
import { useCallback, useState } from "react";
import { listPairingRequests, listUsers } from "../api/admin-api";
import { ErrorMessage } from "../components/error-message";
import { PairingRequestRow } from "../components/pairing-request-row";
import { UserList } from "../components/user-list";
import { useAsyncData } from "../hooks/use-async-data";

export function PairingPage() {
  const pairing = useAsyncData(listPairingRequests);
  const users = useAsyncData(listUsers);
  const [notice, setNotice] = useState<string>();
  const reloadPairing = pairing.reload;
  const reloadUsers = users.reload;

  // Approving or revoking changes both lists: a request becomes a user's identity.
  const refresh = useCallback(async () => {
    await Promise.all([reloadPairing(), reloadUsers()]);
  }, [reloadPairing, reloadUsers]);

  const onApproved = useCallback(
    async ({ identity, userId }: ApprovePairingResult) => {
      setNotice(`Approved ${identity} as user ${userId}.`);
      await refresh();
    },
    [refresh],
  );

  const requests = pairing.data ?? [];
  return (
    <>
      <section>
        <div className="section-head">
          <h2>Pairing requests</h2>
          <button type="button" className="secondary" onClick={refresh} disabled={pairing.loading}>
            Refresh
          </button>
        </div>
        {notice && (
          <p className="notice" data-testid="pairing-notice">
            {notice}
          </p>
        )}
        <ErrorMessage message={pairing.error} />
        {pairing.data && requests.length === 0 && (
          <p className="muted">No one is waiting for approval.</p>
        )}
        <ul className="rows">
          {requests.map((request) => (
            <PairingRequestRow
              key={request.code}
              request={request}
              users={users.data ?? []}
              onApproved={onApproved}
              onDenied={refresh}
            />
          ))}
        </ul>
      </section>
      <section>
        <h2>Users</h2>
        <ErrorMessage message={users.error} />
        {users.data && <UserList users={users.data} onChanged={refresh} />}
      </section>
    </>
  );
}
