import type { Inspection, TokenRow } from '../../../../shared/ipc/views';
import { Badge, StatusBadge } from '../../components/Badge';
import { Countdown, formatDateTime, formatTime } from '../../components/Countdown';
import { ZohoError } from '../../components/ZohoError';
import { useTokens } from '../../stores/tokens';
import { dcById, useWorkspace } from '../../stores/workspace';
import { inspectToken } from './inspector-store';
import { TokenActions } from './TokenActions';
import { creationCertainty } from '../../../../shared/workspace/token-origin';
import { UNKNOWN_USER } from '../../../../shared/workspace/model';
import { orgWords, userWords } from '../../../../shared/words/identity';

/** Everything Tokenbench knows about one token, live: expiry counts down, status follows events. */
export function TokenDetails({ inspection }: { inspection: Inspection }) {
  const live = useTokens((s) => s.rows.find((r) => r.id === inspection.token?.id));
  const token = live ?? inspection.token;
  if (token === null) return <NotFound summary={inspection.summary} />;
  return (
    <article className="card details" aria-labelledby="details-title">
      <header className="details-head">
        <span className={`kind-dot kind-${token.kind} kind-dot-large`} aria-hidden="true">
          {token.kind === 'refresh' ? 'R' : 'A'}
        </span>
        <div className="stack" style={{ gap: 2 }}>
          <h2 id="details-title" className="details-title">
            {token.kind === 'refresh' ? 'Refresh token' : 'Access token'}{' '}
            <span className="mono">{token.fingerprint}</span>
          </h2>
          <span className="subtle">
            {inspection.matchedBy === 'fingerprint'
              ? 'Found by the pasted value (confirmed against the keychain)'
              : `Id ${token.id}`}
          </span>
        </div>
        <span className="spacer" />
        {token.nextToEvict && (
          <Badge tone="warn" title="The next token created under its cap evicts this one">
            next to evict
          </Badge>
        )}
        <StatusBadge status={token.status} />
      </header>
      <div className="card-body stack details-body">
        <p className="details-summary">{inspection.summary}</p>
        <Facts token={token} inspection={inspection} />
        {token.lastError !== null && (
          <div className="stack" style={{ gap: 'var(--space-2)' }}>
            <h3 className="section-title">Last error · {formatTime(token.lastError.at)}</h3>
            <ZohoError error={token.lastError} />
          </div>
        )}
        <TokenActions token={token} accessTokens={inspection.children} />
      </div>
    </article>
  );
}

function Facts({ token, inspection }: { token: TokenRow; inspection: Inspection }) {
  const client = useWorkspace((s) => s.clients.find((c) => c.id === token.clientRef));
  const dc = useWorkspace((s) => dcById(s, token.dcId));
  const parent = useTokens((s) => s.rows.find((r) => r.id === token.parentId));
  return (
    <dl className="facts details-facts">
      <dt>Client</dt>
      <dd>{client?.name ?? <span className="subtle">removed client</span>}</dd>
      <dt>User</dt>
      <dd data-testid="token-user">
        {userWords(token)}
        {token.userId !== UNKNOWN_USER && <span className="subtle"> · ZUID {token.userId}</span>}
      </dd>
      <dt>CRM org</dt>
      <dd data-testid="token-org">
        {orgWords(token.identity)}
        {token.identity?.org.state === 'known' && token.identity.org.value.zgid !== null && (
          <span className="subtle"> · zgid {token.identity.org.value.zgid}</span>
        )}
      </dd>
      <dt>Data center</dt>
      <dd>
        {dc?.name ?? token.dcId}
        {token.apiDomain !== null && <span className="subtle"> · {token.apiDomain}</span>}
      </dd>
      <dt>Scopes</dt>
      <dd className="details-scopes">
        {token.scopes.length === 0 ? (
          <span className="subtle">not recorded</span>
        ) : (
          token.scopes.map((s) => <code key={s}>{s}</code>)
        )}
      </dd>
      <dt>Created</dt>
      <dd>
        {creationCertainty(token) === 'unknown' ? (
          <span className="muted">unknown: imported from a Zoho SDK’s token store</span>
        ) : creationCertainty(token) === 'estimated' ? (
          <>
            ~{formatDateTime(token.createdAt)}{' '}
            <span className="subtle">estimated from its expiry (imported from a Zoho SDK)</span>
          </>
        ) : (
          formatDateTime(token.createdAt)
        )}
      </dd>
      <dt>Expires</dt>
      <dd>
        {token.expiresAt === null ? (
          <span className="muted">never (until revoked or evicted)</span>
        ) : token.status === 'active' ? (
          <>
            in <Countdown until={token.expiresAt} label="Expires in" />{' '}
            <span className="subtle">at {formatTime(token.expiresAt)}</span>
          </>
        ) : (
          <span className="muted">
            {token.status} {token.endedAt === null ? '' : `at ${formatTime(token.endedAt)}`}
          </span>
        )}
      </dd>
      {token.grant?.type === 'client-credentials' && (
        <>
          <dt>Granted by</dt>
          <dd>
            client credentials
            <span className="subtle">
              {' '}
              · {token.grant.soid === null ? 'no soid sent' : `organization ${token.grant.soid}`} · no refresh
              token
            </span>
          </dd>
        </>
      )}
      {token.parentId !== null && (
        <>
          <dt>Parent</dt>
          <dd>
            <button
              type="button"
              className="link-button mono"
              onClick={() => void inspectToken(token.parentId ?? '')}
            >
              {parent?.fingerprint ?? token.parentId}
            </button>{' '}
            <span className="subtle">refresh token</span>
          </dd>
        </>
      )}
      {token.kind === 'refresh' && (
        <>
          <dt>Access tokens</dt>
          <dd>
            <Children rows={inspection.children} />
          </dd>
        </>
      )}
      <dt>Environments</dt>
      <dd>
        {token.environments.length === 0 ? (
          <span className="subtle">none use it</span>
        ) : (
          token.environments.join(', ')
        )}
      </dd>
      <dt>Last check</dt>
      <dd>
        {token.lastCheckedAt === null ? (
          <span className="subtle">never</span>
        ) : (
          formatDateTime(token.lastCheckedAt)
        )}
      </dd>
    </dl>
  );
}

function Children({ rows }: { rows: readonly TokenRow[] }) {
  const live = useTokens((s) => s.rows);
  if (rows.length === 0) return <span className="subtle">none</span>;
  const active = rows.filter((r) => (live.find((l) => l.id === r.id) ?? r).status === 'active').length;
  return (
    <div className="stack" style={{ gap: 'var(--space-1)' }}>
      <span>
        {rows.length} made, {active} active
      </span>
      <ul className="children">
        {rows.slice(0, 20).map((r) => {
          const row = live.find((l) => l.id === r.id) ?? r;
          return (
            <li key={r.id}>
              <button type="button" className="link-button mono" onClick={() => void inspectToken(r.id)}>
                {row.fingerprint}
              </button>
              <StatusBadge status={row.status} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function NotFound({ summary }: { summary: string }) {
  return (
    <div className="card details">
      <div className="empty">
        <p className="empty-title">Not a token of this workspace</p>
        <p className="subtle" style={{ maxWidth: 460 }}>
          {summary}
        </p>
      </div>
    </div>
  );
}
