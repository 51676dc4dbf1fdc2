import type { ApprovePairingResult, PairingRequest, UserSummary } from "@molt/contracts";
import { useState } from "react";
import { approvePairing, denyPairing } from "../api/admin-api";
import { useAction } from "../hooks/use-action";
import { ChannelIdentityLabel } from "./channel-identity-label";
import { ErrorMessage } from "./error-message";

interface PairingRequestRowProps {
  request: PairingRequest;
  users: UserSummary[];
  onApproved: (result: ApprovePairingResult) => Promise<void>;
  onDenied: () => Promise<void>;
}

export function PairingRequestRow({
  request,
  users,
  onApproved,
  onDenied,
}: PairingRequestRowProps) {
  // "" approves as a new user; otherwise the identity joins this existing user.
  const [attachTo, setAttachTo] = useState("");
  const { busy, error, run } = useAction();

  const approve = () =>
    run(async () =>
      onApproved(await approvePairing(request.code, attachTo ? { userId: attachTo } : {})),
    );
  const deny = () =>
    run(async () => {
      await denyPairing(request.code);
      await onDenied();
    });

  return (
    <li
      className="row"
      data-testid="pairing-row"
      data-code={request.code}
      data-status={request.status}
    >
      <div className="row-head">
        <code className="pairing-code">{request.code}</code>
        <ChannelIdentityLabel identity={request.channelIdentity} />
        <code className="muted">{request.identity}</code>
        {request.senderName && (
          <span className="muted" data-testid="pairing-sender-name">
            calls themselves “{request.senderName}” (not verified)
          </span>
        )}
        <span className={`badge ${request.status === "pending" ? "pending" : "failing"}`}>
          {request.status}
        </span>
        <span className="muted">asked {new Date(request.createdAt).toLocaleString()}</span>
      </div>
      <div className="actions">
        <label>
          Approve as{" "}
          <select
            value={attachTo}
            onChange={(event) => setAttachTo(event.target.value)}
            disabled={busy}
            data-testid="pairing-attach-select"
          >
            <option value="">a new user</option>
            {users.map((user) => (
              <option key={user.userId} value={user.userId}>
                {user.displayName ?? user.userId} ({user.identities.join(", ") || user.userId})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={approve} disabled={busy} data-testid="pairing-approve">
          Approve
        </button>
        {request.status === "pending" && (
          <button
            type="button"
            className="danger"
            onClick={deny}
            disabled={busy}
            data-testid="pairing-deny"
          >
            Deny
          </button>
        )}
      </div>
      <ErrorMessage message={error} />
    </li>
  );
}
