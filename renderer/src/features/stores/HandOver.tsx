import { useId, useState } from 'react';
import type { TokenStoreRecord } from '../../../../shared/stores/model';
import type { HandOverPlan, StoreRowView } from '../../../../shared/stores/views';
import type { UiError } from '../../api';
import { Button } from '../../components/Button';
import { formatTime } from '../../components/Countdown';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useTokens } from '../../stores/tokens';
import { selectedClient, useWorkspace } from '../../stores/workspace';
import { handOver, planHandOver } from './stores-store';

/**
 * "Hand this token to the store": one of the client's live refresh tokens written into the row the
 * server's SDK reads for that user. Read-only stores say how to allow it; the confirmation names the
 * row it replaces, read from the store just before.
 */
export function HandOverBar({ store }: { store: TokenStoreRecord }) {
  const client = useWorkspace(selectedClient);
  const rows = useTokens((s) => s.rows);
  const live = rows.filter(
    (r) => r.kind === 'refresh' && r.status === 'active' && r.clientRef === client?.id,
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const [plan, setPlan] = useState<HandOverPlan | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const hintId = useId();
  const tokenId = live.some((r) => r.id === chosen) ? chosen : (live[0]?.id ?? null);

  const ask = async () => {
    if (tokenId === null) return;
    setBusy(true);
    setError(null);
    const answer = await planHandOver(store.id, tokenId);
    setBusy(false);
    if ('plan' in answer) setPlan(answer.plan);
    else setError(answer.error);
  };
  const confirm = async (confirmed: HandOverPlan) => {
    setPlan(null);
    setBusy(true);
    setError(await handOver(confirmed));
    setBusy(false);
  };

  const hint = !store.writable
    ? 'This store is read-only: a server depends on its rows. Allow writes first.'
    : live.length === 0
      ? `${client?.name ?? 'The client in view'} has no live refresh token to hand over.`
      : "It replaces the row of the token's user and client, or adds one; you confirm first.";
  return (
    <div className="stores-handover" role="group" aria-labelledby={`${selectId}-title`}>
      <div className="row">
        <strong id={`${selectId}-title`}>Hand this token to the store</strong>
        <select
          id={selectId}
          className="input mono"
          aria-label="Refresh token to hand over"
          value={tokenId ?? ''}
          disabled={live.length === 0}
          onChange={(e) => {
            setChosen(e.target.value);
          }}
        >
          {live.map((r) => (
            <option key={r.id} value={r.id}>
              {r.fingerprint} · {r.userLabel ?? r.userId}
            </option>
          ))}
        </select>
        <Button
          variant="primary"
          busy={busy}
          disabled={!store.writable || tokenId === null}
          aria-describedby={hintId}
          onClick={() => void ask()}
        >
          Hand over…
        </Button>
      </div>
      <span id={hintId} className="subtle">
        {hint}
      </span>
      {error !== null && (
        <p className="stores-handover-error" role="alert" data-code={error.code}>
          {error.message}
        </p>
      )}
      {plan !== null && (
        <HandOverConfirm
          plan={plan}
          onCancel={() => {
            setPlan(null);
          }}
          onConfirm={() => void confirm(plan)}
        />
      )}
    </div>
  );
}

function describeRow(row: StoreRowView): string {
  const origin =
    row.known === null
      ? 'minted elsewhere; it stays live at Zoho until revoked and still counts toward the user’s 20'
      : `yours, ${row.known.status}`;
  return `refresh token ${row.refreshFingerprint ?? 'none'} of ${row.user ?? 'no user'} (${origin})`;
}

function HandOverConfirm({
  plan,
  onCancel,
  onConfirm,
}: {
  plan: HandOverPlan;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const replaced = plan.replaces;
  const access =
    plan.accessFingerprint === null || plan.expiresAt === null
      ? 'no access token (the server refreshes first)'
      : `access token ${plan.accessFingerprint}, expiring ${formatTime(plan.expiresAt)}`;
  return (
    <ConfirmDialog
      title={
        replaced === null
          ? `Add a row to ${plan.storeName}?`
          : `Replace row ${replaced.rowId} of ${plan.storeName}?`
      }
      keepLabel={replaced === null ? 'Do not add it' : `Keep row ${replaced.rowId}`}
      confirmLabel={replaced === null ? 'Add the row' : `Replace row ${replaced.rowId}`}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      {replaced === null ? (
        <p>
          No row holds a token of <strong>{plan.userName}</strong> for this client: a new row is added.
        </p>
      ) : (
        <p className="stores-replaces">
          Row {replaced.rowId} holds {describeRow(replaced)}.
        </p>
      )}
      <p>
        It will hold refresh token <code>{plan.refreshFingerprint}</code> for <strong>{plan.userName}</strong>{' '}
        (client <code>{plan.clientId}</code>), with {access}. The server uses it at its next call.
      </p>
      <p className="muted">Written: {plan.columns.join(', ')}. The client secret comes from the keychain.</p>
    </ConfirmDialog>
  );
}
