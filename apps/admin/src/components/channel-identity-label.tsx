import type { ChannelIdentity } from "@molt/contracts";

/**
 * Who is asking, as the channel vouches for it: the account id, and a link that opens that
 * account in the channel's app so the operator can check it before approving or linking.
 */
export function ChannelIdentityLabel({ identity }: { identity: ChannelIdentity }) {
  return (
    <strong data-testid="pairing-channel-identity">
      {identity.link ? (
        <a href={identity.link} rel="noreferrer">
          {identity.label}
        </a>
      ) : (
        identity.label
      )}
    </strong>
  );
}
