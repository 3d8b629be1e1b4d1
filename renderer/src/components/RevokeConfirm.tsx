import { ConfirmDialog } from './ConfirmDialog';

interface RevokeConfirmProps {
  readonly fingerprint: string;
  /** How many live access tokens die with it. */
  readonly liveAccessTokens: number;
  /** Their fingerprints, when the caller knows them. */
  readonly accessTokenFingerprints?: readonly string[];
  readonly environments: readonly string[];
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}

/** The one confirmation before revoking a refresh token: what dies with it, and who used it (zoho-oauth.md, "Revoke"). */
export function RevokeConfirm(props: RevokeConfirmProps) {
  const {
    fingerprint,
    liveAccessTokens: n,
    accessTokenFingerprints = [],
    environments,
    onCancel,
    onConfirm,
  } = props;
  return (
    <ConfirmDialog
      title={`Revoke refresh token ${fingerprint}?`}
      keepLabel="Keep it"
      confirmLabel="Revoke"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        Zoho deletes it and its {n} live access token{n === 1 ? '' : 's'} at once; anything using them gets
        401 INVALID_TOKEN. This cannot be undone: a new consent is the only way to get a refresh token back.
      </p>
      {accessTokenFingerprints.length > 0 && (
        <p className="mono subtle">
          {fingerprint}, {accessTokenFingerprints.join(', ')}
        </p>
      )}
      {environments.length > 0 && <p className="muted">Used by environment {environments.join(', ')}.</p>}
    </ConfirmDialog>
  );
}
