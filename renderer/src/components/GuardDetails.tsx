import type { GuardRefusal } from '../../../shared/ipc/views';
import type { Eviction, ProposalAnswer, RuleUsage } from '../../../shared/limits/ledger-types';
import { evictionItem, forceConsequence, rateLabel } from '../../../shared/words/limits';
import { heldItemRest } from '../../../shared/words/stores';
import { useNow } from '../stores/clock';
import { formatRemaining, formatTime } from './Countdown';
import { ConfirmDialog } from './ConfirmDialog';
import { Meter } from './Meter';

// The parts of the limit guard's warning (GuardWarning.tsx): rates, evictions, when, and the confirm.

export function RateRow({ rate }: { rate: RuleUsage }) {
  return (
    <li className="guard-rate">
      <Meter label={rateLabel(rate)} used={rate.used} allowed={rate.allowed} />
    </li>
  );
}

/** The tokens the action would delete, named and held as the refusal says, token stores included. */
export function EvictionList({
  refusal,
  evictions,
}: {
  refusal: GuardRefusal;
  evictions: readonly Eviction[];
}) {
  return (
    <ul className="guard-evictions" aria-label="Tokens that would be deleted">
      {evictions.map((e) => {
        const item = evictionItem(refusal, e);
        return (
          <li key={e.kind === 'access-token' ? e.accessTokenId : e.refreshTokenId}>
            <span className="badge badge-evicted">evicted</span> {item.kind} <code>{item.token}</code>
            {item.rest}
          </li>
        );
      })}
      {(refusal.held ?? []).map((e) => (
        <li key={`${e.victim.storeId}:${e.victim.rowId}`}>
          <span className="badge badge-evicted">evicted</span>
          <span className="guard-held">
            Refresh token <code>{e.victim.fingerprint}</code>
            {heldItemRest(e)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function AllowedAt({ at }: { at: number }) {
  const now = useNow();
  const left = at - now;
  return (
    <p className="guard-when">
      {left > 0 ? (
        <>
          Safe again at <strong>{formatTime(at)}</strong>, in{' '}
          <span
            className="mono guard-countdown"
            role="timer"
            aria-label={`Safe again in ${formatRemaining(left)}`}
          >
            {formatRemaining(left)}
          </span>
        </>
      ) : (
        <>A slot is free again since {formatTime(at)}: try the action again.</>
      )}
    </p>
  );
}

export function ConfirmForce({
  answer,
  onCancel,
  onConfirm,
}: {
  answer: ProposalAnswer;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const consequence = forceConsequence(answer);
  return (
    <ConfirmDialog
      title="Run it anyway?"
      keepLabel="Keep waiting"
      confirmLabel="Yes, run it anyway"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>{consequence}</p>
      <p className="muted">
        The limit guard exists to keep you out of Zoho&apos;s lock-out. Forcing it is for testing how Zoho
        reacts.
      </p>
    </ConfirmDialog>
  );
}
