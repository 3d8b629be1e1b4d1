import { useState } from 'react';
import type { TokenRow, WhoAmICheck } from '../../../../shared/ipc/views';
import { Button } from '../../components/Button';
import { Countdown, formatTime } from '../../components/Countdown';
import { ZohoError } from '../../components/ZohoError';
import { RevokeConfirm } from '../../components/RevokeConfirm';
import { useTokens } from '../../stores/tokens';
import { FailureView } from '../consent/FailureView';
import { PlacementQuestions } from '../environments/PlacementQuestions';
import { checkNow, refreshWith, revoke, useInspector } from './inspector-store';

/** Check now (who am I), Refresh and Revoke, each with its answer right under the buttons. */
export function TokenActions({
  token,
  accessTokens,
}: {
  token: TokenRow;
  accessTokens: readonly TokenRow[];
}) {
  const { check, checking, action } = useInspector();
  const [confirming, setConfirming] = useState(false);
  const isRefresh = token.kind === 'refresh';
  const live = token.status === 'active';
  return (
    <div className="stack details-actions">
      <div className="row" role="group" aria-label="Token actions">
        <Button
          onClick={() => void checkNow(token.id)}
          busy={checking}
          title="Ask Zoho who this token belongs to"
        >
          Check now
        </Button>
        {isRefresh && (
          <Button
            onClick={() => void refreshWith(token)}
            busy={action.kind === 'refresh' && action.busy}
            disabled={!live}
            title="Make a new access token with this refresh token"
          >
            Refresh
          </Button>
        )}
        {isRefresh && (
          <Button
            variant="danger"
            onClick={() => {
              setConfirming(true);
            }}
            busy={action.kind === 'revoke' && action.busy}
            disabled={!live}
            title="Revoke at Zoho (asks first)"
          >
            Revoke…
          </Button>
        )}
      </div>
      {check !== null && check.tokenId !== token.id && token.kind === 'refresh' && (
        <p className="subtle">Checked through its newest access token.</p>
      )}
      {check !== null && <WhoAmI check={check} />}
      {action.kind === 'refresh' && action.refreshed !== null && (
        <p className="action-ok" role="status">
          New access token <code>{action.refreshed.accessToken.fingerprint}</code>
          {action.refreshed.accessToken.expiresAt !== null && (
            <>
              , expires in <Countdown until={action.refreshed.accessToken.expiresAt} />
            </>
          )}
          .
        </p>
      )}
      {action.kind === 'refresh' && action.refreshed !== null && (
        <PlacementQuestions outcome={action.refreshed} />
      )}
      {action.error !== null && (
        <FailureView error={action.error} onForce={() => void refreshWith(token, true)} />
      )}
      {confirming && (
        <ConfirmRevoke
          token={token}
          accessTokens={accessTokens}
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            setConfirming(false);
            void revoke(token);
          }}
        />
      )}
    </div>
  );
}

function WhoAmI({ check }: { check: WhoAmICheck }) {
  if (check.error !== null) return <ZohoError error={check.error} />;
  const who = check.who;
  return (
    <div className="whoami" role="status">
      <span className="whoami-avatar" aria-hidden="true">
        {(who?.displayName ?? '?').slice(0, 1)}
      </span>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{who?.displayName ?? <span className="subtle">not given</span>}</dd>
        <dt>Email</dt>
        <dd>{who?.email ?? <span className="subtle">not given</span>}</dd>
        <dt>ZUID</dt>
        <dd className="mono">{who?.zuid ?? '—'}</dd>
      </dl>
      <span className="subtle whoami-at">Zoho answered at {formatTime(check.at)}</span>
    </div>
  );
}

function ConfirmRevoke({
  token,
  accessTokens,
  onCancel,
  onConfirm,
}: {
  token: TokenRow;
  accessTokens: readonly TokenRow[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const rows = useTokens((s) => s.rows);
  const active = accessTokens.filter((t) => (rows.find((r) => r.id === t.id) ?? t).status === 'active');
  const envs = [...new Set([...token.environments, ...active.flatMap((t) => t.environments)])];
  return (
    <RevokeConfirm
      fingerprint={token.fingerprint}
      liveAccessTokens={active.length}
      accessTokenFingerprints={active.map((t) => t.fingerprint)}
      environments={envs}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
}
