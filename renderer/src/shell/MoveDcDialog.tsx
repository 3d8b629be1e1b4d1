import type { DcMoveRefusal } from '../../../shared/ipc/env-status';
import type { EnvironmentRecord } from '../../../shared/workspace/model';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { lineageWords } from '../features/environments/env-words';
import { useWorkspace } from '../stores/workspace';

/**
 * The question before an environment holding tokens moves to another DC: a token works only at the
 * DC that issued it, so the tokens cannot go along. Staying is the safe answer and has the focus.
 */
export function MoveDcDialog({
  env,
  refusal,
  onStay,
  onMove,
}: {
  env: EnvironmentRecord;
  refusal: DcMoveRefusal;
  onStay: () => void;
  onMove: () => void;
}) {
  const dcs = useWorkspace((s) => s.dcs);
  const name = (id: string | null) => dcs.find((d) => d.id === id)?.name ?? id ?? 'no DC';
  const to = name(refusal.toDcId);
  const from = name(refusal.fromDcId);
  return (
    <ConfirmDialog
      title={`Move “${env.name}” to ${to}?`}
      keepLabel={`Stay at ${from}`}
      confirmLabel="Move and clear its tokens"
      onCancel={onStay}
      onConfirm={onMove}
    >
      <p>
        It holds tokens of{' '}
        {refusal.lineage === null ? (
          'unknown origin (imported or typed in)'
        ) : (
          <strong>{lineageWords(refusal.lineage, dcs)}</strong>
        )}
        . A token works only at the DC that issued it, so they cannot move to {to}: {to} would answer
        INVALID_TOKEN, and the token would go to servers that have no business with it.
      </p>
      <p>
        Moving points <code>accounts-url</code> and <code>api-domain</code> at {to} and clears{' '}
        <code>access-token</code>, <code>refresh-token</code> and <code>expiry-time</code>. The tokens
        themselves stay in the Tokens tab, alive until they expire or are revoked. Run a consent at {to} to
        fill the environment again.
      </p>
    </ConfirmDialog>
  );
}
