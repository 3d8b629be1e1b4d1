import { sdkUser } from '../../../../shared/filestore/token-row';
import type { StoreRowView } from '../../../../shared/stores/views';
import { Badge, StatusBadge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { formatDateTime, formatRemaining, formatTime } from '../../components/Countdown';
import { useNow } from '../../stores/clock';
import { useWorkspace } from '../../stores/workspace';
import { nextPage, previousPage, useStores } from './stores-store';

/** One page of the store's rows, in the order of their id; each says whose token it is and where from. */
export function StoreRows() {
  const page = useStores((s) => s.page);
  const trail = useStores((s) => s.trail);
  const loading = useStores((s) => s.loading);
  if (page === null) {
    return loading ? (
      <p className="subtle" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> Reading rows…
      </p>
    ) : null;
  }
  if (page.rows.length === 0)
    return <p className="subtle">The table has no rows{page.after === null ? '' : ' after this'}.</p>;
  const bad = page.rows.filter((r) => r.problems.length > 0).length;
  return (
    <div className="stack">
      {bad > 0 && (
        <p className="stores-bad-note" role="note">
          {bad} row{bad === 1 ? ' is' : 's are'} not a token (listed below with why): Tokenbench neither
          counts nor overwrites {bad === 1 ? 'it' : 'them'}.
        </p>
      )}
      <div className="stores-table-wrap">
        <table className="table stores-table" aria-label="Rows of the token store" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">User</th>
              <th scope="col">Client</th>
              <th scope="col">Refresh token</th>
              <th scope="col">In Tokenbench</th>
              <th scope="col">Access token expires</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <Row key={row.rowId} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="row stores-pager">
        <span className="subtle">
          {trail.length === 0 ? 'First page' : `Page ${String(trail.length + 1)}`}, in the order of the row id
        </span>
        <span className="spacer" />
        <Button size="small" disabled={trail.length === 0 || loading} onClick={() => void previousPage()}>
          ← Previous page
        </Button>
        <Button size="small" disabled={page.nextAfter === null || loading} onClick={() => void nextPage()}>
          Next page →
        </Button>
      </div>
    </div>
  );
}

function Row({ row }: { row: StoreRowView }) {
  const clientName = useWorkspace((s) => s.clients.find((c) => c.id === row.clientRef)?.name ?? null);
  return (
    <tr className={row.problems.length > 0 ? 'stores-row-bad' : undefined}>
      <td className="mono">{row.rowId}</td>
      <td className="stores-user">
        <User name={row.user} />
      </td>
      <td>
        {clientName !== null ? <strong>{clientName}</strong> : null}
        <div className="mono subtle stores-client-id">{row.clientId ?? '–'}</div>
      </td>
      <td className="mono">{row.refreshFingerprint ?? <span className="subtle">none</span>}</td>
      <td>
        <Origin row={row} />
      </td>
      <td>
        <Expiry at={row.expiresAt} />
      </td>
    </tr>
  );
}

/** `email:orgId` (the SDK's findUser) as the email, and the CRM org under it. */
function User({ name }: { name: string | null }) {
  const user = sdkUser(name);
  if (user === null || user.email === '') return <span className="subtle">none</span>;
  const { email, orgId } = user;
  return (
    <>
      <span>{email}</span>
      {orgId !== null && <div className="subtle stores-org">org {orgId}</div>}
    </>
  );
}

function Origin({ row }: { row: StoreRowView }) {
  if (row.problems.length > 0) {
    return (
      <span className="stores-problem">
        <Badge tone="danger">not a token</Badge> {row.problems.join('; ')}
      </span>
    );
  }
  if (row.refreshFingerprint === null) return <span className="subtle">no refresh token</span>;
  if (row.known === null) {
    return (
      <span title="Tokenbench did not mint it; it still counts toward its user's 20 live refresh tokens at Zoho">
        <Badge tone="warn">minted elsewhere</Badge>
      </span>
    );
  }
  const who = row.known.userLabel ?? `user ${row.known.userId}`;
  return (
    <span className="row stores-known">
      <StatusBadge status={row.known.status} />
      <span>
        yours, {who}
        {row.known.confirmed ? '' : ' (by fingerprint)'}
      </span>
    </span>
  );
}

function Expiry({ at }: { at: number | null }) {
  const now = useNow();
  if (at === null) return <span className="subtle">–</span>;
  const left = at - now;
  // An SDK row keeps its last access token's expiry until the server refreshes: it may be days old.
  const when = Math.abs(left) > 12 * 3_600_000 ? formatDateTime(at) : formatTime(at);
  return (
    <span>
      {when} <span className="subtle">{left > 0 ? `in ${formatRemaining(left)}` : 'expired'}</span>
    </span>
  );
}
