import { useEffect } from 'react';
import type { ClientLimits, RefreshTokenLimits, TokenRow, UserLimits } from '../../../../shared/ipc/views';
import { orgShort, orgWords, userWords } from '../../../../shared/words/identity';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useTokens } from '../../stores/tokens';
import { setTab } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { NextEvictions } from './NextEvictions';
import { ProfileCard } from './ProfileCard';
import { BlockedCallout, LiveMeter, RateMeter } from './RuleMeters';
import { StoreHoldings } from './StoreHoldings';
import { reloadAtNextChange } from './limits-store';
import './limits.css';

/**
 * The Limits tab (Kaizen #43): for the client in view, each rule's use in its rolling window and
 * each cap's live count, with when the next slot frees, Zoho's Access Denied blocks, what the next
 * creation would evict, and the limit profile the numbers come from.
 */
export function LimitsPanel() {
  const clientRef = useWorkspace((s) => s.selectedClientId);
  const status = useTokens((s) => s.limits);
  const rows = useTokens((s) => s.rows);
  const limits = status?.clients.find((c) => c.clientRef === clientRef) ?? null;
  useEffect(
    () => (clientRef === null || limits === null ? undefined : reloadAtNextChange(clientRef, limits, rows)),
    [clientRef, limits, rows],
  );
  if (status === null || limits === null) {
    return (
      <div className="limits-loading" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> Reading the limit ledger…
      </div>
    );
  }
  return (
    <div className="limits">
      <p className="muted">
        These meters count what this workspace did, and what Zoho&apos;s Access Denied revealed: tokens made
        elsewhere (another machine, newman, an SDK) are invisible until Zoho refuses because of them.
      </p>
      <div className="limits-grid">
        <ClientCard limits={limits} />
        <ProfileCard active={status.profile} />
      </div>
      <UsersSection users={limits.users} rows={rows} />
      <RefreshTokensSection tokens={limits.refreshTokens} rows={rows} />
      <NextEvictions limits={limits} rows={rows} />
      <StoreHoldings clientRef={limits.clientRef} users={limits.users} />
    </div>
  );
}

function ClientCard({ limits }: { limits: ClientLimits }) {
  return (
    <section className="card" aria-labelledby="limits-client-title">
      <header className="card-header">
        <h3 id="limits-client-title" className="limits-card-title">
          This client
        </h3>
        <span className="subtle">
          Zoho counts grant codes per client; Tokenbench counts device codes and client-credentials tokens
          with them
        </span>
      </header>
      <div className="card-body stack">
        <BlockedCallout usage={limits.grant} />
        <RateMeter label="Grant codes" usage={limits.grant} />
        <dl className="limits-stats">
          <div>
            <dt>Users</dt>
            <dd>{limits.users.length}</dd>
          </div>
          <div>
            <dt>Live refresh tokens</dt>
            <dd>{limits.users.reduce((n, u) => n + u.live.live, 0)}</dd>
          </div>
          <div>
            <dt>Live access tokens</dt>
            <dd>{limits.refreshTokens.reduce((n, rt) => n + rt.live.live, 0)}</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}

/** The user as the newest of their tokens that knows most says it (shared/words/identity.ts). */
const userName = (rows: readonly TokenRow[], userId: string) => {
  const own = rows.filter((r) => r.userId === userId);
  const best =
    own.find((r) => r.identity?.user.state === 'known') ?? own.find((r) => r.userLabel !== null) ?? own[0];
  return best === undefined ? (userId === 'unknown' ? 'Unknown user' : userId) : userWords(best);
};

/** The CRM orgs a user's tokens act in (usually one), or why none is known. */
const orgsOf = (rows: readonly TokenRow[], userId: string): string => {
  const own = rows.filter((r) => r.userId === userId);
  const names = [...new Set(own.map((r) => orgShort(r.identity)).filter((n): n is string => n !== null))];
  if (names.length > 0) return names.join(', ');
  return orgWords(own.find((r) => r.identity !== undefined)?.identity);
};

function UsersSection({ users, rows }: { users: readonly UserLimits[]; rows: readonly TokenRow[] }) {
  return (
    <section className="limits-section" aria-labelledby="limits-users-title">
      <h3 id="limits-users-title" className="limits-section-title">
        Per user <span className="subtle">refresh tokens of this client</span>
      </h3>
      {users.length === 0 ? (
        <NoTokens />
      ) : (
        <div className="limits-cards">
          {users.map((u) => {
            const oldest = rows.find((r) => r.id === u.live.oldestLiveId);
            return (
              <article key={u.userId} className="card" aria-label={`Limits of ${userName(rows, u.userId)}`}>
                <header className="card-header">
                  <span className="limits-card-title">{userName(rows, u.userId)}</span>
                </header>
                <div className="card-body stack">
                  <p className="subtle limits-org">
                    CRM org: <span className="limits-org-name">{orgsOf(rows, u.userId)}</span>
                  </p>
                  <BlockedCallout usage={u.refresh} />
                  <RateMeter label="Refresh tokens" usage={u.refresh} />
                  <LiveMeter
                    label="Live refresh tokens"
                    live={u.live}
                    evicts={oldest === undefined ? null : `refresh token ${oldest.fingerprint}`}
                  />
                </div>
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}

function RefreshTokensSection({
  tokens,
  rows,
}: {
  tokens: readonly RefreshTokenLimits[];
  rows: readonly TokenRow[];
}) {
  if (tokens.length === 0) return null;
  return (
    <section className="limits-section" aria-labelledby="limits-rts-title">
      <h3 id="limits-rts-title" className="limits-section-title">
        Per live refresh token <span className="subtle">access tokens</span>
      </h3>
      <div className="limits-cards">
        {tokens.map((rt) => {
          const row = rows.find((r) => r.id === rt.refreshTokenId);
          const oldest = rows.find((r) => r.id === rt.live.oldestLiveId);
          return (
            <article
              key={rt.refreshTokenId}
              className="card"
              aria-label={`Limits of refresh token ${row?.fingerprint ?? ''}`}
            >
              <header className="card-header">
                <span className="subtle">Refresh token</span>
                <code className="limits-card-title">{row?.fingerprint ?? '…'}</code>
                <span className="spacer" />
                {row !== undefined && (
                  <span className="subtle limits-user">
                    {userName(rows, row.userId)}
                    {orgShort(row.identity) !== null && ` · ${orgShort(row.identity) ?? ''}`}
                  </span>
                )}
                {row?.nextToEvict === true && <Badge tone="warn">next out</Badge>}
              </header>
              <div className="card-body stack">
                <BlockedCallout usage={rt.access} />
                <RateMeter label="Access tokens" usage={rt.access} />
                <LiveMeter
                  label="Live access tokens"
                  live={rt.live}
                  evicts={oldest === undefined ? null : `access token ${oldest.fingerprint}`}
                />
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}

function NoTokens() {
  return (
    <div className="card empty limits-empty">
      <p>No refresh tokens yet — run a consent to see the per-user and per-token limits fill.</p>
      <Button
        variant="primary"
        onClick={() => {
          setTab('consent');
        }}
      >
        Go to Consent
      </Button>
    </div>
  );
}
