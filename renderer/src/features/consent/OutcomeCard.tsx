import type { TokenOutcome, TokenRow } from '../../../../shared/ipc/views';
import { Badge } from '../../components/Badge';
import { Countdown, formatTime } from '../../components/Countdown';
import { useTokens } from '../../stores/tokens';
import { setTab } from '../../stores/ui';
import { dcById, useWorkspace } from '../../stores/workspace';
import { orgWords } from '../../../../shared/words/identity';
import { PlacementQuestions } from '../environments/PlacementQuestions';

/** What a consent or a pasted code produced: fingerprints only, with live expiry. */
export function OutcomeCard({ outcome }: { outcome: TokenOutcome }) {
  const dc = useWorkspace((s) => dcById(s, outcome.dcId));
  const clientDcId = useWorkspace((s) => s.clients.find((c) => c.id === outcome.clientRef)?.dcId ?? null);
  const home = useWorkspace((s) => dcById(s, clientDcId));
  const env = useWorkspace((s) => s.environments.find((e) => e.id === outcome.environmentId) ?? null);
  const { accessToken, refreshToken } = outcome;
  const who = accessToken.userLabel ?? (accessToken.userId === 'unknown' ? null : accessToken.userId);
  const dcName = dc?.name ?? outcome.dcId;
  const grant = accessToken.grant;
  return (
    <div className="outcome" role="status">
      <div className="outcome-head">
        <span className="outcome-icon" aria-hidden="true">
          ✓
        </span>
        <div className="stack" style={{ gap: 2 }}>
          {grant?.type === 'client-credentials' ? (
            <span className="outcome-title">
              Token issued by client credentials
              {grant.soid !== null && (
                <>
                  {' '}
                  in <span className="outcome-user">{grant.soid}</span>
                </>
              )}
            </span>
          ) : (
            <span className="outcome-title">
              Signed in{who === null ? '' : ' as '}
              {who !== null && <span className="outcome-user">{who}</span>}
            </span>
          )}
          <span className="subtle">
            {formatTime(accessToken.createdAt)} · {dcName}
          </span>
        </div>
      </div>
      {outcome.crossDc && (
        <p className="outcome-crossdc">
          <Badge tone="info">multi-DC</Badge> {firstName(who) ?? 'This user'} is a {dcName} user: the code was
          exchanged at {dcName}
          {home === null ? '' : `, not at ${home.name} where the client is registered`}. API calls go to{' '}
          <code>{outcome.apiDomain ?? dc?.apiDomain}</code>.
        </p>
      )}
      <dl className="facts outcome-facts">
        {accessToken.identity !== undefined && (
          <>
            <dt>CRM org</dt>
            <dd className="outcome-org">{orgWords(accessToken.identity)}</dd>
          </>
        )}
        <dt>Access token</dt>
        <dd>
          <code>{accessToken.fingerprint}</code>
          {accessToken.expiresAt !== null && (
            <span className="muted">
              {' '}
              expires in <Countdown until={accessToken.expiresAt} label="Access token expires in" />
            </span>
          )}
        </dd>
        <dt>Refresh token</dt>
        <dd>
          {refreshToken === null && grant?.type === 'client-credentials' ? (
            <span className="muted">None: client credentials never give one; ask again after the hour.</span>
          ) : refreshToken === null ? (
            <span className="muted">
              None: online access, or not the user&apos;s first consent (tick prompt=consent to get one).
            </span>
          ) : (
            <code>{refreshToken.fingerprint}</code>
          )}
        </dd>
        <dt>Data center</dt>
        <dd>
          {dcName}
          {outcome.crossDc && <span className="subtle"> (the user&apos;s DC)</span>}
        </dd>
        {accessToken.scopes.length > 0 && (
          <>
            <dt>Scopes</dt>
            <dd className="outcome-scopes">{accessToken.scopes.join(', ')}</dd>
          </>
        )}
        <dt>Environment</dt>
        <dd>
          {env === null ? (
            <span className="subtle">
              {outcome.placement.asked.length > 0 ? 'none updated yet: see below' : 'none updated'}
            </span>
          ) : (
            <>“{env.name}” now holds these tokens</>
          )}
        </dd>
      </dl>
      <PlacementQuestions outcome={outcome} />
      {outcome.evicted.length > 0 && <Evicted ids={outcome.evicted} />}
      <div className="row">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setTab('tokens');
          }}
        >
          Open tokens →
        </button>
      </div>
    </div>
  );
}

/** "Emil" from "Emil Artin" or from "emil.artin@sandbox-eu.example" (the label is often the email). */
function firstName(label: string | null): string | null {
  if (label === null) return null;
  const word = (label.includes('@') ? (label.split('@')[0] ?? '') : label).split(/[\s._-]+/)[0] ?? '';
  return word === '' || /^\d+$/.test(word) ? null : word.charAt(0).toUpperCase() + word.slice(1);
}

function Evicted({ ids }: { ids: readonly string[] }) {
  const rows = useTokens((s) => s.rows);
  const name = (id: string): TokenRow | undefined => rows.find((r) => r.id === id);
  return (
    <div className="outcome-evicted">
      <span className="label">Zoho deleted to make room</span>
      <ul>
        {ids.map((id) => {
          const row = name(id);
          return (
            <li key={id}>
              <Badge tone="evicted">evicted</Badge>{' '}
              {row === undefined
                ? id
                : `${row.kind === 'access' ? 'Access' : 'Refresh'} token ${row.fingerprint}`}
              {row !== undefined && row.environments.length > 0 && (
                <span className="subtle"> · used by {row.environments.join(', ')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
